"""Label gates: which lines of a page a line rule's label pattern could match, found in one pass
per page and kept on the document as its line index (`Document.line_index`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache, lru_cache

import regex

from cleaner.document import Document
from cleaner.rules.pattern_edges import ANY, FOLDS_TO_ASCII, edge_reading, ending_classes
from cleaner.rules.patterns import FLAGS, split_alternatives

# Bullets, pipes and dashes that menus and share bars put around a label; a line is
# matched against its words without them.
DECORATION = " \t\u00a0\u200b\ufeff•·|>»«›‹*-–—~=#:"
LINE_TAIL = r"[\s.:!…]*"
"""What every line rule's patterns end with (cleaner.rules.builders.line_rule): what a label may end in."""
_LINE_TAIL_CLASS = regex.compile(LINE_TAIL[:-1], FLAGS)


def label_of(text: str) -> str:
    """The line's text without surrounding decoration, for matching whole-line labels."""
    return text.strip(DECORATION)


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
    keep the memos cheap to fill, a rule's patterns (more than two of them) are tried on a prefix
    only when the rule's whole alternation allows it, and on a suffix only for the patterns a
    prefix allowed (a suffix's
    memo records which patterns it was tried on). The memos hold facts about the patterns only
    (whether a string can begin or end a match), never a page's results.

    Most patterns need no partial match for most lines: the ASCII strings that can begin or end
    their matches are read from their syntax once (cleaner.rules.pattern_edges), and an ASCII
    head or tail is looked up among them. The regex engine is asked only about the other patterns,
    and about heads and tails that are not ASCII; the patterns are compiled for it on first use.
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
        self.read = 0
        """How many patterns (bits) have been read for the edge tables below."""
        self.head_table: dict[str, int] = {}
        """For a lower-cased ASCII string, the read patterns it can begin a match of."""
        self.head_read = 0
        """The bits of the patterns whose heads the table answers for."""
        self.tail_tables: dict[str, dict[str, int]] = {}
        """For the characters a pattern's end may repeat (`[\\s.:!]*`, or none), the lower-cased ASCII
        strings that can end a match of the read patterns ending so, less those characters."""
        self.tail_read = 0
        self.head_open: dict[str, int] = {}
        """For a lower-cased ASCII string, the read patterns whose matches may go on from it with a
        character outside ASCII: a head of that string and such a character can begin no other read pattern's."""
        self.any_end = 0
        """The patterns whose matches may end in any characters but a newline (`.{1,150}`)."""
        self.class_ends: list[tuple[int, frozenset[str], str]] = []
        """(bit, class, repeated): a pattern whose matches may end in its class's characters (ASCII
        members), then the repeated characters (`ending_classes`)."""
        self.tail_open: dict[str, int] = {}
        """For a lower-cased ASCII string, the read patterns whose matches may have a character outside
        ASCII right before it (then their repeated end, if any): as `head_open`, read backwards."""
        self.line_tails = 0
        """The read patterns that end in LINE_TAIL: for them a tail that is not ASCII is judged from
        the readings too (`_tail_unread`)."""
        self.line_tail_key = ""
        """Their key among `tail_tables`: LINE_TAIL's ASCII characters."""

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

    def _read_edges(self) -> None:
        """Read the heads and tails of the patterns added since the last read."""
        for bit in range(self.read, len(self.parts)):
            head = edge_reading(self.parts[bit], self.EDGE)
            if head is not None:
                self.head_read |= 1 << bit
                for text in head[0]:
                    self.head_table[text] = self.head_table.get(text, 0) | 1 << bit
                for text in head[2]:
                    self.head_open[text] = self.head_open.get(text, 0) | 1 << bit
            tail = edge_reading(self.parts[bit], self.EDGE, reverse=True)
            if tail is not None:
                self.tail_read |= 1 << bit
                key = "".join(sorted(tail[1]))
                table = self.tail_tables.setdefault(key, {})
                for text in tail[0]:
                    table[text] = table.get(text, 0) | 1 << bit
                for text in tail[2]:
                    self.tail_open[text] = self.tail_open.get(text, 0) | 1 << bit
                if self.parts[bit].endswith(")" + LINE_TAIL) and tail[1] and tail[1] == _line_tail_ascii():
                    self.line_tails |= 1 << bit
                    self.line_tail_key = key
                continue
            ends = ending_classes(self.parts[bit], self.EDGE)
            if ends is not None:
                classes, repeated = ends
                for members in classes:
                    if members is ANY:
                        self.any_end |= 1 << bit
                    else:
                        self.class_ends.append((bit, members, "".join(sorted(repeated))))
        self.read = len(self.parts)

    def _read_tail(self, key: str) -> int:
        """The read patterns an ASCII `key` can end a match of."""
        low = key.lower()
        bits = 0
        for repeated, table in self.tail_tables.items():
            for end in range(len(low.rstrip(repeated)) if repeated else len(low), len(low) + 1):
                bits |= table.get(low[:end], 0)
        return bits

    def _head_mask(self, key: str) -> int:
        """The patterns `key` can begin a match of. Only those its prefix one character shorter can
        begin are tried (a string no match begins with cannot grow into one that does), and that
        prefix's mask is memoised too: on a page of new lines most heads share their first two
        characters with a head seen before, so most patterns are never tried on them."""
        if self.read < len(self.parts):
            self._read_edges()
        allowed = -1  # every pattern
        if len(key) > 1:
            parent = self.heads.get(key[:-1])
            allowed = self._head_mask(key[:-1]) if parent is None else parent
        bits = 0
        ascii_key = key.isascii()
        if ascii_key:
            bits = self.head_table.get(key.lower(), 0)
            allowed &= ~self.head_read  # the others are asked below
        elif FOLDS_TO_ASCII.isdisjoint(key):
            # The read patterns that may go on with a character outside ASCII after the key's ASCII
            # start are asked below; the others cannot begin with it.
            start = next(k for k, c in enumerate(key) if not c.isascii())
            allowed &= ~self.head_read | self.head_open.get(key[:start].lower(), 0)
        ask = allowed & ((1 << len(self.parts)) - 1)
        if ask:
            groups: dict[int, list[int]] = {}
            for b in _bits_of(ask):
                groups.setdefault(self.owner[b], []).append(b)
            for rule, group in groups.items():
                # The rule's whole pattern first where it may rule out several patterns at once, and
                # always for a head that is not ASCII: most rules' patterns then need no compiling.
                if (len(group) <= 2 and ascii_key) or self._whole(rule, self.rules[rule][0]).fullmatch(
                    key, partial=True
                ):
                    for b in group:
                        if self._pattern(b, reverse=False).fullmatch(key, partial=True) is not None:
                            bits |= 1 << b
        if len(self.heads) >= self.LIMIT:
            self.heads.clear()
        self.heads[key] = bits
        return bits

    def _whole(self, rule: int, source: str) -> regex.Pattern[str]:
        while len(self.wholes) <= rule:
            self.wholes.append(regex.compile(self.rules[len(self.wholes)][0], FLAGS))
        return self.wholes[rule]

    def _tail_mask(self, key: str, wanted: int) -> int:
        """The patterns among `wanted` that `key` can end a match of."""
        if self.read < len(self.parts):
            self._read_edges()
        known = self.tails.get(key)
        tried, bits = known or (0, 0)
        if not tried & self.tail_read and key.isascii():
            tried, bits = tried | self.tail_read, bits | self._read_tail(key)
        missing = wanted & ~tried
        if missing & self.line_tails and not key.isascii() and FOLDS_TO_ASCII.isdisjoint(key):
            sure, unsure = self._line_tail_mask(key, missing & self.line_tails)
            bits |= sure
            missing &= ~self.line_tails | unsure
        if missing and "\n" not in key:
            # Yes without the regex engine where a pattern may end in any characters, or in its
            # ending class's (then some of its repeated characters).
            sure = missing & self.any_end
            if key.isascii():
                low = key.lower()
                for b, members, repeated in self.class_ends:
                    if missing >> b & 1 and not sure >> b & 1:
                        cut = len(low.rstrip(repeated)) if repeated else len(low)
                        if any(members.issuperset(low[:end]) for end in range(cut, len(low) + 1)):
                            sure |= 1 << b
            bits |= sure
            missing &= ~sure
        for b in _bits_of(missing):
            if self._pattern(b, reverse=True).fullmatch(key, partial=True) is not None:
                bits |= 1 << b
        entry = (tried | wanted, bits)
        if entry != known:
            if len(self.tails) >= self.LIMIT:
                self.tails.clear()
            self.tails[key] = entry
        return bits & wanted

    def _line_tail_mask(self, key: str, wanted: int) -> tuple[int, int]:
        """For a tail `key` holding a character outside ASCII (none folding to ASCII) and the read
        patterns `wanted` that end in LINE_TAIL: those `key` surely ends a match of, and those
        left to ask. A match ends in the pattern's read part, then LINE_TAIL's characters: for each
        way of taking an end of `key` made of those characters as LINE_TAIL's, the rest must end
        the read part. An ASCII rest does exactly where the reading lists it; a rest with a
        character outside ASCII only where the ASCII after its last such character is read as open
        to one (`tail_open`), and then the regex engine is asked. The others are ruled out."""
        cut = len(key)
        while cut and _LINE_TAIL_CLASS.fullmatch(key[cut - 1]) is not None:
            cut -= 1
        table = self.tail_tables.get(self.line_tail_key, {})
        sure = unsure = 0
        for end in range(cut, len(key) + 1):
            rest = key[:end]
            if rest.isascii():
                sure |= table.get(rest.lower(), 0)
            else:
                last = max(k for k, c in enumerate(rest) if not c.isascii())
                unsure |= self.tail_open.get(rest[last + 1 :].lower(), 0)
        sure &= wanted
        return sure, unsure & wanted & ~sure

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
            label = text.strip(DECORATION)
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
@cache
def _line_tail_ascii() -> frozenset[str]:
    """LINE_TAIL's ASCII characters (as the readings give a repeated end)."""
    return frozenset(chr(c) for c in range(128) if _LINE_TAIL_CLASS.fullmatch(chr(c)) is not None)


def _bits_of(mask: int) -> tuple[int, ...]:
    """The positions of the set bits of `mask` (few distinct masks occur, so they are cached)."""
    found = []
    while mask:
        low = mask & -mask
        found.append(low.bit_length() - 1)
        mask ^= low
    return tuple(found)


GATES = _LabelGates()


def label_gate(pattern: str) -> Callable[[Document], list[int]]:
    """For a rule that tests lines by `pattern` (FLAGS) fullmatching their label (`label_of`): a
    function giving a page's lines whose label may fullmatch it, found as line rules find theirs
    (see _LabelGates): the lines kept and non-blank when the page was last indexed, in order."""
    parts = split_alternatives(pattern) or [pattern]
    gate = GATES.add(pattern, [f"(?:{p})" for p in parts])
    return lambda doc: GATES.candidates(doc, gate)
