"""Builders for the common rule shapes, so each family module holds only its data."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache

import regex

from cleaner.model import Apply, Document, Example, Kind, Rule

FLAGS = regex.IGNORECASE | regex.UNICODE

# Bullets, pipes and dashes that menus and share bars put around a label; a line is
# matched against its words without them.
_DECORATION = " \t\u00a0\u200b\ufeff•·|>»«›‹*-–—~=#:"


def label_of(text: str) -> str:
    """The line's text without surrounding decoration, for matching whole-line labels."""
    return text.strip(_DECORATION)


def alternation(patterns: Iterable[str]) -> str:
    return "(?:" + "|".join(f"(?:{p})" for p in patterns) + ")"


def examples(*pairs: tuple[str, str]) -> tuple[Example, ...]:
    return tuple(Example(raw, expected) for raw, expected in pairs)


# Constructs whose meaning changes when a pattern meant for one line is searched over the whole
# text (string anchors, lookarounds, possessive and atomic groups, conditionals, flags turned off):
# such a pattern gets no whole-text prefilter, since the prefilter must find a match whenever some
# line has one. `^` and `$` are fine: the prefilter is MULTILINE.
_LINE_BOUND = regex.compile(r"\\[AZzG]|\(\?(?:<?[=!]|>|\(|[a-zA-Z]*-)|[*+?}]\+")


def whole_text_search(pattern: str, flags: int = FLAGS) -> Callable[[str], object] | None:
    """A prefilter for a rule whose every match lies inside one line: `pattern` searched over the
    whole text (a match inside a line is a match in the text). None where that does not hold."""
    if _LINE_BOUND.search(pattern):
        return None
    search: Callable[[str], object] = regex.compile(pattern, flags | regex.MULTILINE).search
    return search


class _LabelGates:
    """Which line-rule patterns a line's label could fullmatch, judged from its ends.

    Most lines of a page are menu items and sentences that no label pattern matches, and most
    fail on their first or last few characters. `regex`'s partial matching says exactly whether
    a prefix can still grow into a match, and with REVERSE whether a suffix can. One pass per
    page files each line under the line rules whose pattern both its first and its last three
    characters allow (bit masks, memoised per prefix and per suffix), so each line rule then looks
    only at its own few candidates instead of every line. The memos hold facts about the patterns
    only (whether a string can begin or end a match), never a page's results.
    """

    EDGE = 3
    LIMIT = 50_000

    def __init__(self) -> None:
        self.sources: list[str] = []
        self.forward: list[regex.Pattern[str]] = []
        self.backward: list[regex.Pattern[str]] = []
        self.heads: dict[str, int] = {}
        self.tails: dict[str, int] = {}

    def add(self, source: str) -> int:
        self.sources.append(source)
        self.heads.clear()  # masks computed so far lack the new pattern's bit
        self.tails.clear()
        return len(self.sources) - 1

    def _mask(self, key: str, memo: dict[str, int], reverse: bool) -> int:
        patterns = self.backward if reverse else self.forward
        while len(patterns) < len(self.sources):  # compiled on first use: start-up stays short
            patterns.append(regex.compile(self.sources[len(patterns)], FLAGS | (regex.REVERSE if reverse else 0)))
        bits = 0
        for b, compiled in enumerate(patterns):
            if compiled.fullmatch(key, partial=True) is not None:
                bits |= 1 << b
        if len(memo) >= self.LIMIT:
            memo.clear()
        memo[key] = bits
        return bits

    def candidates(self, doc: Document, bit: int) -> list[int]:
        """Indices of the kept, non-blank lines whose label may fullmatch pattern `bit`."""
        index = doc.line_index
        if index is None or index[0] != doc.edits or index[1] != len(self.sources):
            index = (doc.edits, len(self.sources), self._build(doc))
            doc.line_index = index
        found: list[int] = index[2].get(bit, [])
        return found

    def _build(self, doc: Document) -> dict[int, list[int]]:
        by_bit: dict[int, list[int]] = {}
        heads, tails, k = self.heads, self.tails, self.EDGE
        for i, line in enumerate(doc.lines):
            text = line.text
            if line.removed_by is not None or not text or text.isspace():
                continue
            label = text.strip(_DECORATION)
            head, tail = label[:k], label[-k:]
            bits = heads.get(head)
            if bits is None:
                bits = self._mask(head, heads, reverse=False)
            if bits:
                more = tails.get(tail)
                bits &= self._mask(tail, tails, reverse=True) if more is None else more
            if bits:
                for bit in _bits_of(bits):
                    by_bit.setdefault(bit, []).append(i)
        return by_bit


@lru_cache(maxsize=4096)
def _bits_of(mask: int) -> tuple[int, ...]:
    """The positions of the set bits of `mask` (few distinct masks occur, so they are cached)."""
    return tuple(b for b in range(mask.bit_length()) if mask >> b & 1)


_GATES = _LabelGates()


def line_rule(
    id: str,
    name: str,
    description: str,
    patterns: Sequence[str],
    examples: tuple[Example, ...],
) -> Rule:
    """A rule that removes a whole line when its label matches one of `patterns` entirely."""
    source = alternation(patterns) + r"[\s.:!…]*"
    fullmatch = regex.compile(source, FLAGS).fullmatch
    matches_empty = fullmatch("") is not None
    bit = _GATES.add(source)

    def apply(doc: Document, rule: Rule) -> None:
        # Only the lines whose first characters can begin a match (see _LabelGates); the test on
        # each is the plain one: a kept, non-blank line whose label the pattern fullmatches.
        lines = doc.lines
        for i in _GATES.candidates(doc, bit):
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

    def apply(doc: Document, rule: Rule) -> None:
        for i, line in doc.iter_content():
            if not compiled.search(line.text):
                continue
            found = [m.group(0) for m in compiled.finditer(line.text)]
            new = compiled.sub("", line.text)
            new = _SPACE_RUN.sub(" ", new) if new.strip() else ""
            doc.edit(i, new, " ".join(f.strip() for f in found), rule)

    return Rule(id, name, Kind.INLINE, description, examples, apply, prefilter=whole_text_search(source))


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
) -> Callable[[Apply], Rule]:
    """Decorator for a rule whose logic needs more than a pattern; `params` are its tunable thresholds.
    `prefilter`, a pattern searched over the whole text, lets the pipeline skip the rule on pages
    where it finds nothing: it must match somewhere whenever the rule could act (see Rule.prefilter).
    `local` says a second run finds nothing new while no line was edited (see Rule.local)."""
    search = None if prefilter is None else regex.compile(prefilter, FLAGS | regex.MULTILINE).search

    def wrap(fn: Apply) -> Rule:
        return Rule(id, name, kind, description, examples, fn, dict(params or {}), search, local)

    return wrap
