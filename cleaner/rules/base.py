"""Builders for the common rule shapes, so each family module holds only its data."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache

import regex

from cleaner.document import Apply, Document, Example, Kind, Rule
from cleaner.text import is_prose

FLAGS = regex.IGNORECASE | regex.UNICODE

# Bullets, pipes and dashes that menus and share bars put around a label; a line is
# matched against its words without them.
_DECORATION = " \t\u00a0\u200b\ufeff•·|>»«›‹*-–—~=#:"


def label_of(text: str) -> str:
    """The line's text without surrounding decoration, for matching whole-line labels."""
    return text.strip(_DECORATION)


def first_prose(doc: Document) -> int | None:
    """The index of the story's first sentence: the first kept line that reads as running text.
    Above it, rules may take a line as page furniture that they leave alone below it."""
    return next((i for i, line in doc.iter_content() if is_prose(line.text)), None)


def alternation(patterns: Iterable[str]) -> str:
    return "(?:" + "|".join(f"(?:{p})" for p in patterns) + ")"


def examples(*pairs: tuple[str, str]) -> tuple[Example, ...]:
    return tuple(Example(raw, expected) for raw, expected in pairs)


# Constructs whose meaning changes when a pattern meant for one line is searched over the whole
# text (string anchors, lookarounds, possessive and atomic groups, conditionals, flags turned off):
# such a pattern gets no whole-text prefilter, since the prefilter must find a match whenever some
# line has one. `^` and `$` are fine: the prefilter is MULTILINE.
_LINE_BOUND = regex.compile(r"\\[AZzG]|\(\?(?:<?[=!]|>|\(|[a-zA-Z]*-)|[*+?}]\+")


def whole_text_pattern(pattern: str, flags: int = FLAGS) -> regex.Pattern[str] | None:
    """`pattern`, meant for one line, compiled to be searched over the whole text, where a match
    inside a line is a match in the text: a rule's prefilter, and `Document.lines_matching`. None
    where that does not hold."""
    if _LINE_BOUND.search(pattern):
        return None
    return regex.compile(pattern, flags | regex.MULTILINE)


# Characters a pattern escapes to mean themselves.
_ESCAPED_LITERALS = frozenset("\\.()[]{}?*+|^$/-#&~ '\"")
_INLINE_FLAGS = regex.compile(r"\(\?[a-zA-Z^-]")
_META = frozenset("\\()[]{}?*+|.^$")


def cue_words(*patterns: str) -> tuple[str, ...] | None:
    """Lowercase strings one of which every match of one of `patterns` contains (for
    `Document.lines_mentioning`), read from the literal text each alternative of the patterns
    starts with (after optional classes such as "[ \\t]*"); None when some alternative starts with
    no sure literal, or a pattern sets flags inline. Conservative: what it cannot read (a class, a
    lookaround, an optional group, an escape other than a plain character) ends the literal.
    Strings holding a shorter one are dropped."""
    found: set[str] = set()
    for pattern in patterns:
        if _INLINE_FLAGS.search(pattern):
            return None  # "(?x)" and kin change what the literal text means
        cues = _cues(pattern)
        if cues is None:
            return None
        found |= cues
    return tuple(sorted(c for c in found if not any(o != c and o in c for o in found)))


def _cues(pattern: str) -> set[str] | None:
    alternatives = _split_alternatives(pattern)
    if alternatives is None:
        return None
    found: set[str] = set()
    for alternative in alternatives:
        cues = _leading_literal(alternative)
        if cues is None:
            return None
        found |= cues
    return found


def _leading_literal(alternative: str) -> set[str] | None:
    if alternative.startswith("(?:"):
        end = _group_end(alternative, 0)
        if end < 0 or alternative[end + 1 : end + 2] in ("?", "*", "{"):
            return None  # an optional group: what follows it may start the match
        return _cues(alternative[3:end])
    chars: list[str] = []
    i = _skip_optional(alternative)
    while i < len(alternative):
        c = alternative[i]
        if c == "\\" and alternative[i + 1 : i + 2] in _ESCAPED_LITERALS:
            c, step = alternative[i + 1], 2
        elif c in _META:
            break
        else:
            step = 1
        following = alternative[i + step : i + step + 1]
        if following in ("?", "*", "{"):
            break  # this character may be absent
        chars.append(c)
        i += step
        if following == "+":
            break
    literal = "".join(chars)
    if not literal.strip() or any(not c.isascii() and c.lower() != c.upper() for c in literal):
        return None  # a cased letter outside ASCII may lowercase unlike its match (see lines_mentioning)
    return {literal.lower()}


def _skip_optional(alternative: str) -> int:
    """Where `alternative` starts once leading optional classes ("[ \\t]*", "\\s?") and lookbehinds
    ("(?<![ \\t])", which consume nothing) are skipped."""
    i = 0
    while True:
        if alternative.startswith(("(?<!", "(?<="), i):
            end = _group_end(alternative, i)
            if end < 0:
                return i
            i = end + 1
            continue
        if alternative.startswith("[", i):
            end = _class_end(alternative, i)
        elif alternative.startswith("\\", i) and alternative[i + 1 : i + 2].isalpha():
            end = i + 2
        else:
            return i
        if end < 0 or alternative[end : end + 1] not in ("*", "?"):
            return i
        i = end + 1
        if alternative[i : i + 1] in ("?", "+"):
            i += 1  # lazy or possessive


def _structure(pattern: str, start: int = 0) -> Iterator[tuple[int, str]]:
    """Each character of `pattern` from `start` that is neither escaped nor inside a character
    class, with its index (a whole class yields its "["). Raises ValueError at an unclosed class."""
    i = start
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        yield i, c
        if c == "[":
            i = _class_end(pattern, i)
            if i < 0:
                raise ValueError(f"unclosed character class in {pattern!r}")
            continue
        i += 1


def _split_alternatives(pattern: str) -> list[str] | None:
    """`pattern` split at its top-level `|`; None if it cannot be read."""
    parts: list[str] = []
    depth = start = 0
    try:
        for i, c in _structure(pattern):
            if c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
            elif c == "|" and depth == 0:
                parts.append(pattern[start:i])
                start = i + 1
    except ValueError:
        return None
    parts.append(pattern[start:])
    return parts if depth == 0 else None


def _class_end(pattern: str, i: int) -> int:
    """The index after the character class opening at `i`, or -1."""
    j = i + 1
    if pattern[j : j + 1] == "^":
        j += 1
    if pattern[j : j + 1] == "]":
        j += 1  # a "]" first in the class is a member
    while j < len(pattern):
        if pattern[j] == "\\":
            j += 2
            continue
        if pattern[j] == "]":
            return j + 1
        j += 1
    return -1


def _group_end(pattern: str, i: int) -> int:
    """The index of the ")" closing the group opening at `i`, or -1."""
    depth = 0
    try:
        for j, c in _structure(pattern, i):
            if c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
                if depth == 0:
                    return j
    except ValueError:
        return -1
    return -1


class _LabelGates:
    """Which line rules a line's label could fullmatch, judged from its ends.

    Most lines of a page are menu items and sentences that no label pattern matches, and most
    fail on their first or last few characters. `regex`'s partial matching says exactly whether
    a prefix can still grow into a match, and with REVERSE whether a suffix can. One pass per
    page files each line under the line rules having one pattern that both its first and its last
    three characters allow, so each line rule then looks only at its own few candidates instead of
    every line. The test is per pattern, not per rule: a rule whose one pattern may begin with any
    word ("... newsletter") and another may end with any ("Subscribe now ...") would otherwise
    take every line. Masks have one bit per pattern and are memoised per prefix and per suffix. To
    keep the memos cheap to fill, a rule's patterns are tried on a prefix only when the rule's
    whole alternation allows it, and on a suffix only for the patterns a prefix allowed (a suffix's
    memo records which patterns it was tried on). The memos hold facts about the patterns only
    (whether a string can begin or end a match), never a page's results.
    """

    EDGE = 3
    LIMIT = 50_000

    def __init__(self) -> None:
        self.rules: list[tuple[str, tuple[str, ...]]] = []
        """Each line rule's whole source and the sources of its patterns."""
        self.wholes: list[regex.Pattern[str]] = []
        self.parts: list[str] = []
        """Every rule's patterns, by bit."""
        self.compiled: dict[tuple[int, bool], regex.Pattern[str]] = {}
        """Patterns by bit and direction (REVERSE or not), compiled on first use: start-up stays short."""
        self.owner: list[int] = []
        """For each pattern bit, the rule it belongs to."""
        self.owners: dict[int, tuple[int, ...]] = {}
        """For a mask of pattern bits, the rules that own them, in order (few distinct masks occur)."""
        self.heads: dict[str, int] = {}
        self.tails: dict[str, tuple[int, int]] = {}
        """For a suffix: the bits of the patterns tried on it, and of those that allow it."""

    def add(self, source: str, parts: Sequence[str]) -> int:
        """Register a line rule: `source`, its whole pattern, fullmatches what one of `parts` does."""
        self.rules.append((source, tuple(parts)))
        self.parts += parts
        self.owner += [len(self.rules) - 1] * len(parts)
        self.heads.clear()  # masks computed so far lack the new patterns' bits
        return len(self.rules) - 1

    def _pattern(self, bit: int, reverse: bool) -> regex.Pattern[str]:
        compiled = self.compiled.get((bit, reverse))
        if compiled is None:
            compiled = regex.compile(self.parts[bit], FLAGS | (regex.REVERSE if reverse else 0))
            self.compiled[bit, reverse] = compiled
        return compiled

    def _head_mask(self, key: str) -> int:
        while len(self.wholes) < len(self.rules):
            self.wholes.append(regex.compile(self.rules[len(self.wholes)][0], FLAGS))
        bits = 0
        bit = 0
        for whole, (_, parts) in zip(self.wholes, self.rules, strict=True):
            if whole.fullmatch(key, partial=True) is not None:
                if len(parts) == 1:
                    bits |= 1 << bit  # the rule's one pattern is its whole pattern
                else:
                    for b in range(bit, bit + len(parts)):
                        if self._pattern(b, reverse=False).fullmatch(key, partial=True) is not None:
                            bits |= 1 << b
            bit += len(parts)
        if len(self.heads) >= self.LIMIT:
            self.heads.clear()
        self.heads[key] = bits
        return bits

    def _tail_mask(self, key: str, wanted: int) -> int:
        """The patterns among `wanted` that `key` can end a match of."""
        tried, bits = self.tails.get(key, (0, 0))
        missing = wanted & ~tried
        if missing:
            for b in _bits_of(missing):
                if self._pattern(b, reverse=True).fullmatch(key, partial=True) is not None:
                    bits |= 1 << b
            if len(self.tails) >= self.LIMIT:
                self.tails.clear()
            self.tails[key] = (tried | missing, bits)
        return bits & wanted

    def _owners(self, bits: int) -> tuple[int, ...]:
        rules = tuple(sorted({self.owner[b] for b in _bits_of(bits)}))
        if len(self.owners) >= self.LIMIT:
            self.owners.clear()
        self.owners[bits] = rules
        return rules

    def candidates(self, doc: Document, rule: int) -> list[int]:
        """Indices of the kept, non-blank lines whose label may fullmatch line rule `rule`."""
        index = doc.line_index
        if index is None or index[0] != doc.edits or index[1] != len(self.rules):
            index = (doc.edits, len(self.rules), self._build(doc))
            doc.line_index = index
        found: list[int] = index[2].get(rule, [])
        return found

    def _build(self, doc: Document) -> dict[int, list[int]]:
        by_rule: dict[int, list[int]] = {}
        heads, tails, owners, k = self.heads, self.tails, self.owners, self.EDGE
        for i, line in enumerate(doc.lines):
            text = line.text
            if line.removed_by is not None or not text or text.isspace():
                continue
            label = text.strip(_DECORATION)
            head, tail = label[:k], label[-k:]
            bits = heads.get(head)
            if bits is None:
                bits = self._head_mask(head)
            if bits:
                known = tails.get(tail)
                if known is None or bits & ~known[0]:
                    bits = self._tail_mask(tail, bits)
                else:
                    bits &= known[1]
            if bits:
                rules = owners.get(bits)
                for rule in self._owners(bits) if rules is None else rules:
                    by_rule.setdefault(rule, []).append(i)
        return by_rule


@lru_cache(maxsize=4096)
def _bits_of(mask: int) -> tuple[int, ...]:
    """The positions of the set bits of `mask` (few distinct masks occur, so they are cached)."""
    return tuple(b for b in range(mask.bit_length()) if mask >> b & 1)


_GATES = _LabelGates()


def label_gate(pattern: str) -> Callable[[Document], list[int]]:
    """For a rule that tests lines by `pattern` (FLAGS) fullmatching their label (`label_of`): a
    function giving a page's lines whose label may fullmatch it, found as line rules find theirs
    (see _LabelGates): the lines kept and non-blank when the page was last indexed, in order."""
    parts = _split_alternatives(pattern) or [pattern]
    gate = _GATES.add(pattern, [f"(?:{p})" for p in parts])
    return lambda doc: _GATES.candidates(doc, gate)


def line_rule(
    id: str,
    name: str,
    description: str,
    patterns: Sequence[str],
    examples: tuple[Example, ...],
) -> Rule:
    """A rule that removes a whole line when its label matches one of `patterns` entirely."""
    tail = r"[\s.:!…]*"
    source = alternation(patterns) + tail
    fullmatch = regex.compile(source, FLAGS).fullmatch
    matches_empty = fullmatch("") is not None
    gate = _GATES.add(source, [f"(?:{p}){tail}" for p in patterns])

    def apply(doc: Document, rule: Rule) -> None:
        # Only the lines whose first characters can begin a match (see _LabelGates); the test on
        # each is the plain one: a kept, non-blank line whose label the pattern fullmatches.
        lines = doc.lines
        for i in _GATES.candidates(doc, gate):
            line = lines[i]
            if line.removed_by is not None:
                continue
            text = line.text
            label = text.strip(_DECORATION)
            if (label or matches_empty) and text and not text.isspace() and fullmatch(label):
                doc.remove(i, rule)

    return Rule(id, name, Kind.LINE, description, examples, apply, local=True)


def inline_rule(
    id: str,
    name: str,
    description: str,
    patterns: Sequence[str],
    examples: tuple[Example, ...],
) -> Rule:
    """A rule that strips markers inside lines; a line left empty is removed."""
    source = alternation(patterns)
    compiled = regex.compile(source, FLAGS)
    # Only lines holding the literal each pattern starts with can have a match; failing that, the
    # search over the whole text skips pages without a match and finds the lines with one.
    cues = cue_words(*patterns)
    whole = None if cues is not None else whole_text_pattern(source)

    def apply(doc: Document, rule: Rule) -> None:
        if cues is not None:
            indices: Iterable[int] = doc.lines_mentioning(cues)
        else:
            indices = range(len(doc.lines)) if whole is None else doc.lines_matching(whole)
        for i in indices:
            line = doc.lines[i]
            if not line.kept or line.blank or not compiled.search(line.text):
                continue
            found = [m.group(0) for m in compiled.finditer(line.text)]
            new = compiled.sub("", line.text)
            new = _SPACE_RUN.sub(" ", new) if new.strip() else ""
            doc.edit(i, new, " ".join(f.strip() for f in found), rule)

    return Rule(id, name, Kind.INLINE, description, examples, apply, prefilter=None if whole is None else whole.search)


_SPACE_RUN = regex.compile(r"(?<=\S)[ \t]{2,}(?=\S)")


def rule(
    id: str,
    name: str,
    kind: Kind,
    description: str,
    examples: tuple[Example, ...],
    params: Mapping[str, float] | None = None,
    prefilter: str | None = None,
    local: bool = False,
    recheck: bool = False,
) -> Callable[[Apply], Rule]:
    """Decorator for a rule whose logic needs more than a pattern; `params` are its tunable thresholds.
    `prefilter`, a pattern searched over the whole text, lets the pipeline skip the rule on pages
    where it finds nothing: it must match somewhere whenever the rule could act (see Rule.prefilter).
    `local` says a second run finds nothing new while no line was edited (see Rule.local); `recheck`
    that the rules before its family run again after it removed something (see Rule.recheck)."""
    search = None if prefilter is None else regex.compile(prefilter, FLAGS | regex.MULTILINE).search

    def wrap(fn: Apply) -> Rule:
        return Rule(id, name, kind, description, examples, fn, dict(params or {}), search, local, recheck)

    return wrap
