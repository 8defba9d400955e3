"""What ASCII strings of a few characters can begin, or end, a match of a pattern: read from the
pattern's syntax, so that the label gates (cleaner.rules.gates) need no partial match by the regex
engine for most patterns and most lines.

The pattern is parsed by Python's own `re` parser and walked node by node, keeping the set of
strings a match can start with (or, read backwards, end with), lower-cased, up to `size`
characters. Only ASCII strings are kept: they are for looking up ASCII line heads and tails
(lower-cased), which is what most lines have; for other lines the gates ask the regex engine.
Where the walk meets what it cannot read exactly (a lookaround, a word boundary, an inline flag,
a class too wide to list, a syntax of the `regex` module that `re` does not know) before the
strings are `size` long, there is no answer (None) and the gates ask the regex engine.
tests/test_line_gates.py checks the answers against partial matching.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import Any

# CPython's parser of regular expressions (private: where it is missing, the gates ask the regex
# engine about every pattern, which only costs time).
_parser: Any
_c: Any
try:
    _parser = importlib.import_module("re._parser")
    _c = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover
    _parser = _c = None

_ASCII = [chr(c) for c in range(128)]
# regex's IGNORECASE matches these to ASCII letters (K, s, i): a pattern holding one is not read.
FOLDS_TO_ASCII = frozenset("\u212a\u017f\u0130\u0131")
_FOLDS_TO_ASCII = FOLDS_TO_ASCII
# Among ASCII, `\s`, `\d` and `\w` of the regex module (as the pattern's flags give them: Unicode).
_SPACE = frozenset("\t\n\x0b\x0c\r ")
_DIGITS = frozenset("0123456789")
_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
# Past this many strings a pattern is not read (a class of many characters, repeated).
_MAX_STRINGS = 1000
_REPEAT_LIMIT = 12


class _Unreadable(Exception):
    pass


Edges = tuple[frozenset[str], frozenset[str]]
Reading = tuple[frozenset[str], frozenset[str], frozenset[str]]


def edge_strings(source: str, size: int, reverse: bool = False) -> Edges | None:
    """The lower-cased ASCII strings of at most `size` characters that some match of `source`
    (compiled with IGNORECASE) begins with (with `reverse`, ends with), each with all its shorter
    beginnings (endings), and the characters of a class the pattern ends with repeated any number
    of times (`[\\s.:!]*`; with `reverse` only, else empty), which the strings leave out.

    An ASCII string `s` of at most `size` characters can begin a match exactly when `s.lower()`
    is among the strings; it can end one exactly when `s.lower()` less some of its end that is
    made of those characters is. None when the pattern cannot be read so."""
    read = edge_reading(source, size, reverse)
    return None if read is None else (read[0], read[1])


def edge_reading(source: str, size: int, reverse: bool = False) -> Reading | None:
    """`edge_strings`, and the strings among them, shorter than `size`, after which (with
    `reverse`: before which) a match may go on with a character outside ASCII: a string that
    begins with such a prefix and then a character outside ASCII (none of those IGNORECASE matches
    to an ASCII letter, `FOLDS_TO_ASCII`) can begin a match only if the prefix is among them."""
    try:
        read = _read(source, drop_trailing=reverse)
        if read is None:
            return None
        nodes, trailing = read
        walk = _Walk(size, reverse)
        walk.sequence(nodes, {""})
    except Exception:  # what `re` cannot parse, or the walk cannot read, is not read
        return None
    seen, wide = walk.seen, walk.open
    if reverse:
        return frozenset(s[::-1] for s in seen), frozenset(trailing), frozenset(s[::-1] for s in wide)
    return frozenset(seen), frozenset(trailing), frozenset(wide)


def _trailing(nodes: list[Any]) -> frozenset[str]:
    """The ASCII members of the class the pattern ends with repeated any number of times (`[\\s.:!]*`), or none."""
    if nodes and nodes[-1][0] is _c.MAX_REPEAT:
        low, high, sub = nodes[-1][1]
        if low == 0 and high is _c.MAXREPEAT and len(sub.data) == 1 and sub.data[0][0] is _c.IN:
            return _members(sub.data[0][1])
    return frozenset()


ANY = None
"""In `ending_classes`: any character but a newline."""


def ending_classes(source: str, size: int) -> tuple[frozenset[frozenset[str] | None], frozenset[str]] | None:
    """The classes of the repeats (of at least `size` characters) a match of `source` may end with,
    before the class the pattern ends with repeated (`[\\s.:!]*`, whose ASCII members come second):
    each class as its lower-cased ASCII members, or ANY. A string of at most `size` characters ends
    some match if, less an end made of the repeated class's characters, it is made of one class's
    characters (of any characters but a newline, for ANY): enough to say yes without the regex
    engine for patterns whose endings are too many to list (`.{1,150}`). None when unreadable."""
    try:
        read = _read(source, drop_trailing=True)
        # The class dropped is a plain repeat, so the rest is plain exactly when the whole is.
        if read is None or not _plain(read[0]):
            return None
        return frozenset(_ends(read[0], size)), read[1]
    except Exception:
        return None


def _read(source: str, drop_trailing: bool) -> tuple[list[Any], frozenset[str]] | None:
    """The pattern's top-level nodes (a copy) and, with `drop_trailing`, the ASCII members of the
    class it ends with repeated (`_trailing`), that repeat left out of the nodes; None when `re`
    cannot parse the pattern."""
    if _parser is None:
        return None
    nodes = _parse(source)
    if nodes is None:
        return None
    nodes = list(nodes)
    trailing = _trailing(nodes) if drop_trailing else frozenset()
    if trailing:
        nodes.pop()
    return nodes, trailing


def _plain(nodes: list[Any]) -> bool:
    """Whether a pattern is made of characters, classes, groups, alternatives and greedy or lazy
    repeats only: no lookaround, boundary, anchor, backreference, atomic group, possessive repeat
    or inline flag, any of which could rule out a match that ends as its last repeat allows."""
    for op, av in nodes:
        if op in (_c.LITERAL, _c.NOT_LITERAL, _c.IN, _c.ANY):
            continue
        if op is _c.BRANCH:
            if not all(_plain(list(alternative.data)) for alternative in av[1]):
                return False
        elif op is _c.SUBPATTERN:
            if av[1] or av[2] or not _plain(list(av[3].data)):
                return False
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            if not _plain(list(av[2].data)):
                return False
        else:
            return False
    return True


def _ends(nodes: list[Any], size: int) -> set[frozenset[str] | None]:
    if not nodes:
        return set()
    op, av = nodes[-1]
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        _, high, sub = av
        if high is not _c.MAXREPEAT and high < 1:
            return set()
        if len(sub.data) == 1 and sub.data[0][0] in (_c.ANY, _c.IN):
            if high is not _c.MAXREPEAT and high < size:
                return set()  # a few characters of the class: what precedes them ends the match too
            return {ANY} if sub.data[0][0] is _c.ANY else {_members(sub.data[0][1])}
        return _ends(list(sub.data), size)  # the repeated group's last round ends the match
    if op is _c.SUBPATTERN:
        _, add_flags, del_flags, sub = av
        return set() if add_flags or del_flags else _ends(list(sub.data), size)
    if op is _c.BRANCH:
        return set().union(*(_ends(list(alternative.data), size) for alternative in av[1]))
    return set()


@lru_cache(maxsize=1024)
def _parse(source: str) -> list[Any] | None:
    """The top-level nodes of `source` as `re` parses it (read in both directions), or None."""
    try:
        return list(_parser.parse(source, _c.SRE_FLAG_IGNORECASE).data)
    except Exception:  # a syntax of the regex module, unknown to `re`
        return None


class _Walk:
    """The walk over a parsed pattern. Its states are the strings of fewer than `size` characters a
    match can begin with so far (read backwards, end with); a string that reaches `size`
    characters, whatever follows it, is done: it goes to `seen` and leaves the states."""

    def __init__(self, size: int, reverse: bool) -> None:
        self.size = size
        self.reverse = reverse
        self.seen = {""}
        """Every string a match can begin with: the rest of the pattern can follow each."""
        self.open: set[str] = set()
        """The strings after which a match may go on with a character outside ASCII."""

    def sequence(self, nodes: list[Any], states: set[str]) -> set[str]:
        for op, av in reversed(nodes) if self.reverse else nodes:
            if not states:
                break
            states = self.node(op, av, states)
        return states

    def _extend(self, states: set[str], chars: set[str] | frozenset[str], wide: bool = False) -> set[str]:
        """The states followed by one of `chars`; `wide`: or by a character outside ASCII."""
        if wide:
            self.open |= states
        if len(states) * len(chars) > _MAX_STRINGS:
            raise _Unreadable
        out = {s + ch for s in states for ch in chars}
        self.seen |= out
        return {s for s in out if len(s) < self.size}

    def node(self, op: Any, av: Any, states: set[str]) -> set[str]:
        if op is _c.LITERAL:
            ch = _one(av)
            return self._extend(states, _case(ch), wide=not ch.isascii())
        if op is _c.IN:
            return self._extend(states, _members(av), wide=_wide(tuple(av)))
        if op is _c.NOT_LITERAL:
            ch = _one(av).lower()
            return self._extend(states, {c.lower() for c in _ASCII if c.lower() != ch}, wide=True)
        if op is _c.ANY:
            return self._extend(states, {c.lower() for c in _ASCII if c != "\n"}, wide=True)
        if op is _c.BRANCH:
            out: set[str] = set()
            for alternative in av[1]:
                out |= self.sequence(alternative.data, states)
            return out
        if op is _c.SUBPATTERN:
            _, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                raise _Unreadable  # a flag turned on or off inside the pattern
            return self.sequence(sub.data, states)
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            return self._repeat(av, states)
        starts, ends = (_c.AT_BEGINNING, _c.AT_BEGINNING_STRING), (_c.AT_END, _c.AT_END_STRING)
        if op is _c.AT and states == {""} and av in (ends if self.reverse else starts):
            return states  # the start (end) of the string, read first: a fullmatch begins (ends) there
        if op is _c.AT and av in (starts if self.reverse else ends):
            return set()  # the other end: the strings so far are whole matches, nothing follows them
        raise _Unreadable  # lookarounds, boundaries, atomic groups, backreferences, ...

    def _repeat(self, av: Any, states: set[str]) -> set[str]:
        low, high, sub = av
        out: set[str] = set()
        current = states
        for k in range(_REPEAT_LIMIT + low):
            if k >= low:
                if current <= out:
                    return out  # no new strings: more repeats add nothing
                out |= current
            if k == high or not current:
                return out
            current = self.sequence(sub.data, current)
        raise _Unreadable


def _one(code: int) -> str:
    ch = chr(code)
    if ch in _FOLDS_TO_ASCII:
        raise _Unreadable
    return ch


def _case(ch: str) -> set[str]:
    """The lower-cased ASCII strings a pattern character matches: none for other characters."""
    return {ch.lower()} if ch.isascii() else set()


def _members(items: list[Any]) -> frozenset[str]:
    return _class_members(tuple(items))


@lru_cache(maxsize=1024)
def _class_members(items: tuple[Any, ...]) -> frozenset[str]:
    """The lower-cased ASCII characters a class matches (IGNORECASE: a letter in either case)."""
    chars: set[str] = set()
    negate = False
    for op, av in items:
        if op is _c.NEGATE:
            negate = True
        elif op is _c.LITERAL:
            ch = _one(av)
            chars |= {ch, ch.swapcase()} if ch.isascii() else set()
        elif op is _c.RANGE:
            low, high = av
            if any(low <= ord(f) <= high for f in _FOLDS_TO_ASCII):
                raise _Unreadable
            span = {chr(c) for c in range(low, min(high, 127) + 1)}
            chars |= span | {c.swapcase() for c in span}
        elif op is _c.CATEGORY:
            chars |= _category(av)
        else:
            raise _Unreadable
    chars = {c for c in chars if c.isascii()}
    if negate:
        chars = {c for c in _ASCII if c not in chars}
    return frozenset(c.lower() for c in chars)


@lru_cache(maxsize=1024)
def _wide(items: tuple[Any, ...]) -> bool:
    """Whether a class may match a character outside ASCII other than those of FOLDS_TO_ASCII
    (a negated class, a category, a character or range outside ASCII)."""
    for op, av in items:
        if op in (_c.NEGATE, _c.CATEGORY):
            return True
        if op is _c.LITERAL and av > 127:
            return True
        if op is _c.RANGE and av[1] > 127:
            return True
    return False


def _category(av: Any) -> set[str]:
    table = {
        _c.CATEGORY_DIGIT: _DIGITS,
        _c.CATEGORY_SPACE: _SPACE,
        _c.CATEGORY_WORD: _WORD,
    }
    negated = {
        _c.CATEGORY_NOT_DIGIT: _DIGITS,
        _c.CATEGORY_NOT_SPACE: _SPACE,
        _c.CATEGORY_NOT_WORD: _WORD,
    }
    if av in table:
        return set(table[av])
    if av in negated:
        return {c for c in _ASCII if c not in negated[av]}
    raise _Unreadable
