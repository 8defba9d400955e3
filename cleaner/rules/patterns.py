"""Reading and compiling the regex sources rules are written in: the flags every rule pattern uses,
alternations, the whole-text form of a line pattern, and the literal cue words a pattern's matches
must contain."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import regex

FLAGS = regex.IGNORECASE | regex.UNICODE


def alternation(patterns: Iterable[str]) -> str:
    return "(?:" + "|".join(f"(?:{p})" for p in patterns) + ")"


# Constructs whose meaning changes when a pattern meant for one line is searched over the whole
# text (string anchors, lookarounds, possessive and atomic groups, conditionals, flags turned off):
# such a pattern gets no whole-text prefilter, since the prefilter must find a match whenever some
# line has one. `^` and `$` are fine: the prefilter is MULTILINE.
_LINE_BOUND = regex.compile(r"\\[AZzG]|\(\?(?:<?[=!]|>|\(|[a-zA-Z]*-)|[*+?}]\+")


def whole_text_pattern(pattern: str, flags: int = FLAGS) -> regex.Pattern[str] | None:
    """`pattern`, meant for one line, compiled to be searched over the whole text, where a match
    inside a line is a match in the text: a rule's prefilter, and `LineLookup.lines_matching`. None
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
    `LineLookup.lines_maybe_matching_ignorecase`), read from the literal text each alternative of the patterns
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
    alternatives = split_alternatives(pattern)
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
        return None  # a cased letter outside ASCII may lowercase unlike its match (see lines_maybe_matching_ignorecase)
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


def split_alternatives(pattern: str) -> list[str] | None:
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
