"""The rule model and the document rules act on: what a rule is, what a removal is, a document's lines."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from typing import TYPE_CHECKING

from cleaner.lookup import LineLookup

if TYPE_CHECKING:
    from cleaner.config import Config


class Kind(StrEnum):
    """What a rule acts on and how (a marker inside a line, whole lines, a block, the page's head or
    tail, ...). It does not set when the rule runs: `Stage` does."""

    INLINE = "inline"
    LINE = "line"
    BLOCK = "block"
    HEAD = "head"
    TAIL = "tail"
    CONTENT = "content"
    WHITESPACE = "whitespace"


class Stage(IntEnum):
    """When a rule runs: the registry runs the stages in this order (see cleaner.registry)."""

    PHRASE = 1
    """Pattern rules on markers, lines and blocks, on the page as it came: their removals are what
    content detection judges around."""
    CONTENT = 2
    """Content detection: which of the lines left belong to the article."""
    ARTICLE = 3
    """Line rules for debris set inside the article (captions), on what content detection kept:
    removed before it, such lines would shrink the share of the page its selection keeps."""
    HEAD = 4
    """Rules that judge a line by its place above the headline, on what content detection kept."""
    TAIL = 5
    """The cut of the page's tail, which reads what the rules before it found."""
    WHITESPACE = 6
    """Shaping the result's blank lines and line ends."""


@dataclass(frozen=True)
class Example:
    """A before/after pair; every rule carries at least one and the test suite runs them."""

    raw: str
    expected: str


@dataclass(frozen=True)
class Removal:
    """One piece of input a rule took out: whole lines, or a marker inside a line."""

    rule_id: str
    rule_name: str
    first_line: int
    last_line: int
    text: str

    @property
    def lines(self) -> str:
        if self.first_line == self.last_line:
            return str(self.first_line)
        return f"{self.first_line}-{self.last_line}"


@dataclass(slots=True)
class Line:
    # slots: a page has thousands of lines and every rule reads them; slots make both cheaper.
    number: int
    """1-based line number in the input."""
    text: str
    removed_by: str | None = None

    @property
    def kept(self) -> bool:
        return self.removed_by is None

    @property
    def blank(self) -> bool:
        return not self.text or self.text.isspace()  # as `not text.strip()`, without a copy


# Zero-width characters editors and scrapers leave at line ends; str.rstrip() knows no-break spaces
# and the other Unicode spaces (and \x1c-\x1f) but not these.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE_ENDS = tuple(INVISIBLE)


def strip_end(text: str) -> str:
    """`text` without the spaces and invisible characters at its end, in any mix."""
    stripped = text.rstrip()
    while stripped.endswith(_INVISIBLE_ENDS):
        stripped = stripped.rstrip(INVISIBLE).rstrip()
    return stripped


@dataclass
class Document:
    """The input split into lines; rules mark lines removed and never delete them,
    so line numbers stay those of the input and neighbours stay visible."""

    lines: list[Line]
    config: Config
    removals: list[Removal] = field(default_factory=list)
    edits: int = 0
    """How many times a line's text was edited (through `edit`), so views of the text can be cached."""
    _lookup: tuple[int, LineLookup] | None = field(default=None, repr=False, compare=False)
    """`lookup()` at `edits` (made when first needed)."""
    line_index: tuple[int, int, dict[int, list[int]]] | None = field(default=None, repr=False, compare=False)
    """Line rules' candidate lines for this page (see cleaner.rules.gates), valid while `edits` is unchanged.
    Rules change a line's text only through `edit` (whitespace rules, which run last, excepted)."""
    removers: dict[str, Rule] = field(default_factory=dict, repr=False, compare=False)
    """The rules that removed lines of this page, by id (`Line.removed_by`): a rule that reads others'
    removals asks them what they are (`Rule.opens_footer`, `Rule.opens_comments`) instead of naming ids."""
    ran_at: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    """For each rule that reruns only after edits (`Rule.rerun_only_after_edits`) run on this page: `edits` when it last ran."""
    last_ran: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    """For each rule run on this page: `edits` when its last run began (`Rule.settles` reads it)."""
    watches: dict[str, Watch] = field(default_factory=dict, repr=False, compare=False)
    """What each rule's last run left for `Rule.settles` to check at the end of the pass (`watch`)."""
    no_article: bool = field(default=False, repr=False, compare=False)
    """Content detection found no article it could trust on this page (a page that is a list): rules
    that assume an article with furniture below it (the tail cut) leave the page alone too."""

    def run(self, rule: Rule) -> None:
        """Apply `rule`, unless its prefilter rules it out or it reruns only after edits and none was made
        since it last ran (it would find nothing new: removed lines stay removed)."""
        if rule.rerun_only_after_edits and self.ran_at.get(rule.id) == self.edits:
            return
        edits = self.edits
        if rule.prefilter is not None and not rule.prefilter(self.text()):
            # Nothing on this page the rule could act on. One that judges each line by its text
            # alone could then act on none of these lines while they are unedited: it has judged them.
            if rule.rerun_only_after_edits:
                self.ran_at[rule.id] = edits
            return
        self.watches.pop(rule.id, None)
        rule.apply(self, rule)
        if rule.rerun_only_after_edits:
            self.ran_at[rule.id] = edits
        self.last_ran[rule.id] = edits

    def watch(
        self, rule: Rule, kept: Iterable[int] = (), gone: Iterable[int] = (), pairs: Iterable[tuple[int, int]] = ()
    ) -> None:
        """Record, for `rule`'s run now under way (before it edits anything), the lines on which its
        rerun on this pass's output depends: a line of `kept` still kept at the end of the pass, one
        of `gone` removed by then, or for a pair (line, reason) of `pairs` the line kept and its
        reason removed, means the rerun may act (see `Watch`, `Rule.settles`)."""
        self.watches[rule.id] = Watch(tuple(kept), tuple(gone), tuple(pairs))

    def watch_holds(self, rule: Rule) -> bool:
        """Whether `rule` ran in this pass, no line was edited since its last run began, and the lines
        its run watched (`watch`) are as that run needs them: none of `kept` kept, all of `gone` kept,
        and of each pair of `pairs` the line removed or its reason kept."""
        if self.last_ran.get(rule.id) != self.edits:
            return False
        w = self.watches.get(rule.id)
        if w is None:
            return True
        lines = self.lines
        return (
            all(lines[i].removed_by is not None for i in w.kept)
            and all(lines[i].removed_by is None for i in w.gone)
            and all(lines[i].removed_by is not None or lines[k].removed_by is None for i, k in w.pairs)
        )

    @classmethod
    def from_text(cls, text: str, config: Config) -> Document:
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if text.startswith("\ufeff"):
            # All of them: a later pass sees the start of the text move to a line that began with
            # some (the lines above it removed), and cleaning must settle in that pass.
            text = text.lstrip("\ufeff")
        parts = text.split("\n")
        if len(parts) > 1 and parts[-1] == "":
            parts.pop()  # the final newline ends the last line; it is not a line of its own
        # Rules judge each line without what the output drops from its end anyway (WS001): a date
        # line ending in a thin space must go in the first clean, not in the second.
        parts = list(map(strip_end, parts))
        return cls(list(map(Line, range(1, len(parts) + 1), parts)), config)

    def text(self) -> str:
        """The current text of every line (removed ones too), joined by newlines: what a rule's
        prefilter searches. Cached until the next `edit`."""
        return self.lookup().text

    def lookup(self) -> LineLookup:
        """Which lines hold a pattern or a cue word (cleaner.lookup), for the text as it is now."""
        if self._lookup is None or self._lookup[0] != self.edits:
            self._lookup = (self.edits, LineLookup(self.lines))
        return self._lookup[1]

    def content_indices(self) -> list[int]:
        """Indices of kept, non-blank lines, in order."""
        # Spelled out rather than through `kept`/`blank`: every rule walks every line, so it counts.
        return [i for i, ln in enumerate(self.lines) if ln.removed_by is None and ln.text and not ln.text.isspace()]

    def iter_content(self) -> Iterator[tuple[int, Line]]:
        for i, ln in enumerate(self.lines):
            if ln.removed_by is None and ln.text and not ln.text.isspace():
                yield i, ln

    def remove(self, index: int, rule: Rule) -> None:
        line = self.lines[index]
        if line.removed_by is not None:  # spelled out: content detection removes thousands of lines
            return
        line.removed_by = rule.id
        self.removers[rule.id] = rule
        text = line.text
        if text and not text.isspace():
            self.removals.append(Removal(rule.id, rule.name, line.number, line.number, text))

    def remove_span(self, start: int, stop: int, rule: Rule) -> None:
        """Remove lines[start:stop] as one block (blank lines inside go with it)."""
        taken = [ln for ln in self.lines[start:stop] if ln.kept]
        if not taken:
            return
        for ln in taken:
            ln.removed_by = rule.id
        self.removers[rule.id] = rule
        text = "\n".join(ln.text for ln in taken if not ln.blank)
        if text:
            self._record(rule, taken[0].number, taken[-1].number, text)

    def edit(self, index: int, new_text: str, removed: str, rule: Rule) -> None:
        """Replace a line's text after an inline rule took `removed` out of it."""
        line = self.lines[index]
        line.text = strip_end(new_text)  # as `from_text` gives it to the rules of the next pass
        self.edits += 1
        self._record(rule, line.number, line.number, removed)
        if line.blank:
            line.removed_by = rule.id
            self.removers[rule.id] = rule

    def _record(self, rule: Rule, first: int, last: int, text: str) -> None:
        self.removals.append(Removal(rule.id, rule.name, first, last, text))


@dataclass(frozen=True, slots=True)
class Watch:
    """What a rule's run leaves for its `Rule.settles` (`Document.watch`): indices of lines that a
    rerun of the rule on the pass's output may act on (or beside) if still kept at the pass's end
    (`kept`), whose removal after the run would let it act (`gone`), and pairs of a line the run
    left and a line it was left for: the rerun may act on the first where the second is removed
    and the first kept (`pairs`)."""

    kept: tuple[int, ...] = ()
    gone: tuple[int, ...] = ()
    pairs: tuple[tuple[int, int], ...] = ()


Apply = Callable[["Document", "Rule"], None]
Settles = Callable[["Document", "Rule"], bool]


@dataclass(frozen=True)
class Rule:
    """One named removal. The registry is the only place rules are listed."""

    id: str
    name: str
    kind: Kind
    description: str
    examples: tuple[Example, ...]
    apply: Apply = field(compare=False, repr=False)
    params: Mapping[str, float] = field(default_factory=dict, compare=False, repr=False)
    """Tunable thresholds of a heuristic rule, with defaults; config `thresholds` overrides them."""
    prefilter: Callable[[str], object] | None = field(default=None, compare=False, repr=False)
    """A cheap test of the whole text (`Document.text()`): when it is falsy the rule cannot act on
    this document and the pipeline skips it. It must be truthy whenever the rule could act."""
    rerun_only_after_edits: bool = field(default=False, compare=False, repr=False)
    """Whether a second run is useless while no line has been edited since the first began: run again
    on a document where other rules have only removed lines, the rule removes nothing more. True of a
    rule that decides each line from that line's text (and the config) alone, and of one that acts
    next to a line only when it removes that line too. Such a rule may edit: its own edits count, so
    the second run then happens."""
    recheck: bool = field(default=False, compare=False, repr=False)
    """Whether the line and block rules before this rule's family run again once it has removed
    something: they read their neighbours, which its removals change (the pipeline does this)."""
    settles: Settles | None = field(default=None, compare=False, repr=False)
    """Given the document at the end of a pass in which the rule ran, whether running the rule on
    the pass's output (`pipeline.render`), in a pass where no rule before it removed or edited
    anything, provably removes and edits nothing. It must hold for every page where it returns
    True (its docstring gives the proof); None: not known. Where every rule of a pass settles
    (a rule that reruns only after edits does when none was made since its run), the pipeline
    runs no further pass: that pass would change nothing (`pipeline.next_pass_changes_nothing`)."""
    opens_footer: bool = field(default=False, compare=False, repr=False)
    """Whether a line this rule removes below the article's last paragraph opens the page's footer
    (a comment form, a related list, a share bar, a back-link): the tail cut drops what follows."""
    opens_comments: bool = field(default=False, compare=False, repr=False)
    """Whether the lines this rule removes open a comment section: content detection takes nothing
    after them for the article."""
    stage: Stage = field(default=Stage.PHRASE, compare=False)
    """When the rule runs; the registry sets it for each built-in family (see cleaner.registry)."""
    rationale: str = field(default="", compare=False)
    """Why the rule exists (`cleaner rule ID`, docs/rules.md); built-in rules take theirs from cleaner.rules.notes."""
    misfires: tuple[str, ...] = field(default=(), compare=False)
    """Where the rule is known to remove what it should not."""

    def param(self, config: Config, name: str) -> float:
        """The value of threshold `name`: from the config (keyed `ID.name` or `dotted.name.name`), else the default."""
        for key in (f"{self.id}.{name}", f"{self.name}.{name}"):
            if key in config.thresholds:
                return config.thresholds[key]
        return self.params[name]

    @property
    def family(self) -> str:
        return self.name.split(".", 1)[0]
