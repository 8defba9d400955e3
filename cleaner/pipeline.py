"""Runs the selected rules over a text and renders the result."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from operator import attrgetter

from cleaner import chunking, registry
from cleaner import text as text_measures
from cleaner.config import Config
from cleaner.document import Document, Kind, Removal, Rule, Stage


@dataclass(frozen=True)
class Explanation:
    text: str
    removals: tuple[Removal, ...]
    warnings: tuple[str, ...] = ()
    """What the caller should know about the text: lines too long to judge, left as they are."""


# A line longer than this is left as it is: no rule judges it, and the result warns about it. Every
# pattern is meant to take time linear in the line (tests/test_linear_time.py checks the known
# worst cases), so this is a last line of defence against a pattern that is not, on input no real
# page has: a minified script, a base64 blob, a ticker tape saved as one line.
MAX_LINE_CHARS = 100_000


def render(doc: Document) -> str:
    text = "\n".join([line.text for line in doc.lines if line.removed_by is None])
    if not text.strip():
        return ""
    return text.rstrip("\n") + "\n"


# Passes at most. Rules judge a line among its neighbours (content detection most of all): once a
# pass has removed a page's furniture, the lines it kept beside that furniture may read differently.
_MAX_PASSES = 5


def _one_pass(text: str, config: Config, settled: frozenset[str] = frozenset()) -> Document:
    """One pass of the rules over `text`. `settled`: rules that rerun only after edits
    (`Rule.rerun_only_after_edits`) that judged every line of `text` as it is, in the pass that made
    it: they would remove nothing from it, so they run only after a line is edited."""
    doc = Document.from_text(text, config)
    doc.ran_at.update(dict.fromkeys(settled, 0))
    rules = registry.active_rules(config)
    for k, rule in enumerate(rules):
        _run(doc, rule, rules[:k])
    return doc


def _run(doc: Document, rule: Rule, earlier: Sequence[Rule]) -> None:
    removals = len(doc.removals)
    doc.run(rule)
    if rule.recheck and len(doc.removals) > removals:
        recheck(doc, earlier)


def recheck(doc: Document, earlier: Sequence[Rule]) -> None:
    """Run the line and block rules of `earlier`'s phrase stage again: some read their neighbours
    ("a date line above the story's first sentence"), and a rule that declares `recheck` (content
    detection) has removed some of them. Without this a second cleaning would find what the first
    left, and cleaning would not be idempotent."""
    for other in earlier:
        if other.stage is not Stage.PHRASE:
            break
        if other.kind is not Kind.INLINE:
            doc.run(other)


def run_until(text: str, config: Config, rule_id: str) -> Document:
    """The document as rule `rule_id` sees it in a first pass: every active rule before it has run
    (training the content model reads pages so, bench/train_content.py)."""
    doc = Document.from_text(text, config)
    rules = registry.active_rules(config)
    for k, rule in enumerate(rules):
        if rule.id == rule_id:
            break
        _run(doc, rule, rules[:k])
    return doc


def clean_and_explain(text: str, config: Config | None = None) -> Explanation:
    """Clean `text` and say what was removed: each removal names its rule and input line(s).

    Cleaning is idempotent: where a pass removed something, its output is cleaned again (as a
    second run of the cleaner would) until that changes nothing, as black checks that formatting
    its own output changes nothing. Later passes' removals carry the input's line numbers.

    A line longer than MAX_LINE_CHARS is left as it is, with a warning: the text around it is
    cleaned as pages of their own (what is above it, what is below it)."""
    cfg = config or Config()
    if len(text) > chunking.THRESHOLD:
        return _in_chunks(text, cfg)
    return _clean_whole(text, cfg)


def _in_chunks(text: str, cfg: Config) -> Explanation:
    """A text too large to clean whole in bounded memory, cleaned chunk by chunk (see cleaner.chunking):
    outputs joined (with a blank line where the text had one), removals numbered as in `text`."""
    parts: list[str] = []
    removals: list[Removal] = []
    warnings: list[str] = []
    for chunk in chunking.chunks(text):
        part = _clean_whole(chunk.text, cfg)
        if part.text:
            parts.append(_joined(chunk, part.text, bool(parts)))
        n = chunk.first_line
        removals += [replace(r, first_line=r.first_line + n, last_line=r.last_line + n) for r in part.removals]
        warnings += [_shifted(w, n) for w in part.warnings]
    return Explanation("".join(parts), tuple(removals), tuple(warnings))


def clean_and_count(text: str, config: Config | None = None) -> tuple[str, dict[str, int], tuple[str, ...]]:
    """The cleaned text, how many input lines each rule removed, and the warnings: what a batch run
    reports. Unlike clean_and_explain, it keeps nothing of what was removed, so a large text chunk
    by chunk costs memory for its output and one chunk at a time."""
    counts: Counter[str] = Counter()
    warnings: list[str] = []
    # A single chunk, the text itself, for every real page.
    parts = list(cleaned_parts(chunking.chunks(text), config or Config(), counts, warnings))
    return "".join(parts), dict(sorted(counts.items())), tuple(warnings)


def cleaned_parts(
    chunks: Iterable[chunking.Chunk], cfg: Config, counts: Counter[str], warnings: list[str]
) -> Iterator[str]:
    """The cleaned text of a text given in chunks (cleaner.chunking), part by part as each chunk is
    cleaned: joined, they are what clean_and_count gives. `counts` and `warnings` gather how many
    input lines each rule removed and the warnings."""
    after_part = False
    for chunk in chunks:
        part = _clean_whole(chunk.text, cfg)
        for r in part.removals:
            counts[r.rule_id] += r.last_line - r.first_line + 1
        warnings += [_shifted(w, chunk.first_line) for w in part.warnings]
        if part.text:
            yield _joined(chunk, part.text, after_part)
            after_part = True


_LINE_NUMBER = re.compile(r"^line (\d+)")


def _shifted(warning: str, lines_before: int) -> str:
    """A chunk's warning ("line N has ...") with the line number of the whole text."""
    if not lines_before:
        return warning
    return _LINE_NUMBER.sub(lambda m: f"line {int(m.group(1)) + lines_before}", warning, count=1)


def _joined(chunk: chunking.Chunk, cleaned: str, after_part: bool) -> str:
    """A chunk's cleaned text as its outputs are joined: after a blank line where the text had one."""
    return "\n" + cleaned if chunk.after_blank and after_part else cleaned


def _clean_whole(text: str, cfg: Config) -> Explanation:
    try:
        if len(text) <= MAX_LINE_CHARS:
            return _passes(text, cfg)
        return _around_long_lines(text, cfg)
    finally:
        text_measures.forget()  # the page's word counts served every pass


def _around_long_lines(text: str, cfg: Config) -> Explanation:
    lines = Document.from_text(text, cfg).lines  # the lines as the rules number them
    long = [i for i, line in enumerate(lines) if len(line.text) > MAX_LINE_CHARS]
    if not long:
        return _passes(text, cfg)
    out: list[str] = []
    removals: list[Removal] = []
    warnings: list[str] = []

    def blank() -> None:  # one blank line where the input had some beside a long line
        if out and out[-1]:
            out.append("")

    start = 0
    for i in [*long, len(lines)]:
        part = lines[start:i]
        cleaned = _passes("".join(line.text + "\n" for line in part), cfg)
        removals += [
            replace(r, first_line=r.first_line + start, last_line=r.last_line + start) for r in cleaned.removals
        ]
        if part and not part[0].text.strip():
            blank()
        out += cleaned.text.split("\n")[:-1]
        if part and not part[-1].text.strip():
            blank()
        if i < len(lines):
            out.append(lines[i].text)  # its end stripped, as every line's (Document.from_text)
            warnings.append(
                f"line {lines[i].number} has {len(lines[i].text):,} characters (more than {MAX_LINE_CHARS:,}): "
                "left as it is"
            )
        start = i + 1
    while out and not out[-1]:
        out.pop()
    result = "\n".join(out) + "\n" if out else ""
    return Explanation(result, tuple(sorted(removals, key=attrgetter("first_line", "last_line"))), tuple(warnings))


def next_pass_changes_nothing(doc: Document, out: str) -> bool:
    """Whether cleaning `out`, the text `doc` (a pass's document, at its end) renders, provably gives
    `out` again, so that the pass need not run. It does where every active rule settles: a rule
    that reruns only after edits and judged every line since the last edit (it finds nothing in
    `out`, tests/test_rerun_after_edits.py), any other by its `Rule.settles`. Each rule's proof
    assumes that the rules before it in the new pass changed nothing, which holds by induction in
    registry order, and that the new pass's lines are the kept lines of `doc` as they are: true
    unless `out` starts with a BOM (a kept line may), which Document.from_text strips, or holds a
    CR, which it makes a line break (no line holds one, but the check costs nothing)."""
    if not out:
        return True  # every rule keeps the text blank, and a blank text renders as ""
    if out.startswith("\ufeff") or "\r" in out:
        return False
    for rule in registry.active_rules(doc.config):
        if rule.rerun_only_after_edits and doc.ran_at.get(rule.id) == doc.edits:
            continue
        if rule.settles is None or not rule.settles(doc, rule):
            return False
    return True


def _passes(text: str, cfg: Config) -> Explanation:
    doc = _one_pass(text, cfg)
    out = render(doc)
    removals = list(doc.removals)
    numbers = [line.number for line in doc.lines if line.removed_by is None]  # input line of each output line
    if doc.removals:
        for _ in range(_MAX_PASSES - 1):
            if next_pass_changes_nothing(doc, out):
                break  # the fixed point, proven without running the pass
            # Lines of `out` are lines such a rule kept, unedited since it last ran: it would
            # find nothing in them (tests/test_rerun_after_edits.py). Unless `out` starts with a
            # BOM, which Document.from_text strips: its first line is then not what they judged.
            settled = frozenset(rule for rule, at in doc.ran_at.items() if at == doc.edits)
            if out.startswith("\ufeff"):
                settled = frozenset()
            doc = _one_pass(out, cfg, settled)
            again = render(doc)
            if again == out:
                break  # a fixed point: cleaning the output changes nothing
            removals += [
                Removal(r.rule_id, r.rule_name, numbers[r.first_line - 1], numbers[r.last_line - 1], r.text)
                for r in doc.removals
            ]
            numbers = [numbers[line.number - 1] for line in doc.lines if line.removed_by is None]
            out = again
    return Explanation(out, tuple(sorted(removals, key=attrgetter("first_line", "last_line"))))


def clean_text(text: str, config: Config | None = None) -> str:
    """Return `text` without scraper debris."""
    return clean_and_explain(text, config).text
