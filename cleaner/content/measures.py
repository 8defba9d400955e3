"""What one line of a page measures by itself: the features of `OWN` that depend on the line's
text alone (and the page's stop list), its words, and its shape as a list item.

Everything here holds across languages: lengths in characters and in words (CJK characters count
as half a word, since those scripts have no spaces), stopword density, punctuation, case, digits
and symbols. Most lines of most pages are ASCII: for them the character classes are counted by
bytes.translate and simpler `re` patterns, each checked against its `regex` pattern
(tests/test_content_speed.py). cleaner.content.features puts a page's lines together.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import regex

from cleaner.text import MAYBE_CJK, ends_in_colon, page_memo, word_count

_TOKEN = regex.compile(r"\w+")
_ALPHA_WORD = regex.compile(r"[^\W\d_]+")
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
_HAN = regex.compile(r"\p{Han}")
_SEPARATOR = regex.compile(r"--|[–—|:;,/]|\s-\s")
# Topic words: at least this many characters; source lines: at least log1p(10) words.
_TOPIC_MIN_CHARS = 4
# Chinese and Japanese have no justext stop list and no spaces: their function words are single
# characters (Japanese particles and endings in hiragana, Chinese grammatical characters), and
# their share of a line's CJK characters plays the part of stopword density.
_CJK_FUNCTION = regex.compile(r"[のはがをにでとたてもしいるなからへやかれすま的了是在不和有这我他也就都而及与之其]")
_CAPITALISED = regex.compile(r"\b\p{Lu}")
_UPPER = regex.compile(r"\p{Lu}")
_NON_LETTER = regex.compile(r"\P{L}")
_DIGIT = regex.compile(r"\d")
_SYMBOL = regex.compile(r"[|•·›»«‹/\\@#©®™+=_<>~^*\[\]{}]")
_COMMA = regex.compile(r"[,，、;；]")
_TERMINAL = regex.compile(r"[.!?。！？\"”’»)]\s*$")
_ELLIPSIS = regex.compile(r"(?:…|\.\.\.|\bmore|\bless)\s*$", regex.IGNORECASE)
_SENTENCE = regex.compile(r"[.!?](?:\s|$)|[。！？]")
_GLUED = regex.compile(r"\p{Ll}\p{Lu}\p{Ll}")
_URLISH = regex.compile(r"https?://|www\.|\.(?:com|org|net)\b|@\w", regex.IGNORECASE)
_DATE = regex.compile(
    r"\b\d{1,2}:\d{2}\b|\b(?:19|20)\d{2}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\d+\s*(?:분|시간|일|日|年|月)"
)
_COUNTER = regex.compile(r"\(\d+\)|^\s*\d+\s*$")
_BULLET = regex.compile(r"^\s*(?:[-*•·▪►–—]|\d{1,3}[.)]|\(?[a-z]\))\s+")
_LEADING_QUOTE = regex.compile(r"^\s*[\"“«„'‘—–-]")
# What a line may start with (after spaces) for `_BULLET` to match (besides a digit and a-z), and for `_LEADING_QUOTE`.
_BULLET_FIRST = frozenset("-*•·▪►–—(")
_QUOTE_FIRST = frozenset("\"“«„'‘—–-")

# A line at or under this many words is "short" (menus, labels, list items, headings).
SHORT_WORDS = 4
OWN = (
    "log_chars",
    "log_words",
    "cjk",
    "stop",
    "stop_rel",
    "terminal",
    "colon_end",
    "ellipsis",
    "sentences",
    "capitalised",
    "upper",
    "digits",
    "symbols",
    "commas",
    "glued",
    "urlish",
    "date",
    "counter",
    "bullet",
    "quote",
    "topic",
    "pattern_run",
    "repeated",
    "short",
    "short_run",
    "pos",
    "barrier",
)


def _words(text: str, cjk: int) -> float:
    if cjk:
        return len(_TOKEN.findall(_CJK.sub(" ", text))) + cjk / 2
    return float(len(_TOKEN.findall(text)))


# The same measures for a line of ASCII text (most lines of most pages), where the character
# classes above reduce to fixed byte sets that bytes.translate counts at C speed, and the
# end-of-line patterns to a look at the line's end. Each agrees with its pattern on ASCII text
# (tests/test_content_speed.py checks them on every line of the fixtures and the dev pages).
_A_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_A_UPPER = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_A_DIGITS = b"0123456789"
_A_SYMBOLS = b"|/\\@#+=_<>~^*[]{}"
_A_COMMAS = b",;"
_A_SPACE = "\t\n\x0b\x0c\r "  # the regex module's \s among ASCII (U+001C-001F are not in it)
_A_TERMINAL = frozenset('.!?")')
_A_WORD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
# On ASCII text these `re` patterns find what the `regex` ones above find (`re` is the quicker
# engine for such simple classes); `\s` is spelled out, since `re`'s also takes U+001C-001F.
_A_ALPHA_WORD = re.compile(r"[a-z]+")  # on lower-cased text
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_A_COUNTER = re.compile(r"\(\d+\)|^[\t\n\x0b\x0c\r ]*\d+[\t\n\x0b\x0c\r ]*$")
_A_URLISH = re.compile(r"https?://|www\.|\.(?:com|org|net)\b|@\w")  # on lower-cased text
_A_SEPARATOR = re.compile(r"--|[|:;,/]|[\t\n\x0b\x0c\r ]-[\t\n\x0b\x0c\r ]")


def _count(data: bytes, chars: bytes) -> int:
    return len(data) - len(data.translate(None, chars))


def _ascii_ellipsis(end: str) -> bool:
    """`_ELLIPSIS.search` on ASCII text, given the text without trailing spaces."""
    if end.endswith("..."):
        return True
    tail = end[-4:].lower()
    return (tail == "more" or tail == "less") and (len(end) == 4 or end[-5] not in _A_WORD)


Measures = tuple[int, bool, bool, int, int, int, int, int]


def _measures(text: str) -> Measures:
    """Letters (at least 1), terminal punctuation, ellipsis, sentence ends, upper-case letters,
    digits, symbols and commas of a line: what the patterns above count (tests/reference_features.py
    counts them so, plainly), quicker where most of the line is ASCII: the one-character
    classes are counted as bytes on its ASCII characters and by pattern on the others only (their
    letters as their number less the non-letters, which a pattern lists quicker in Cyrillic or
    Greek text, where nearly all are letters), and the end-of-line patterns are tried only near
    the end (every `\\s` of the regex module is str.isspace, so no match can start before where
    they begin to look; a word boundary still sees the character before the start)."""
    data = text.encode("ascii", "ignore")
    rest = "".join(_NON_ASCII.findall(text))
    end = len(text.rstrip())
    return (
        (_count(data, _A_LETTERS) + len(rest) - len(_NON_LETTER.findall(rest))) or 1,
        bool(_TERMINAL.search(text, max(0, end - 1))),
        bool(_ELLIPSIS.search(text, max(0, end - 4))),
        len(_SENTENCE.findall(text)),
        _count(data, _A_UPPER) + len(_UPPER.findall(rest)),
        _count(data, _A_DIGITS) + len(_DIGIT.findall(rest)),
        _count(data, _A_SYMBOLS) + len(_SYMBOL.findall(rest)),
        _count(data, _A_COMMAS) + len(_COMMA.findall(rest)),
    )


def _classes(*sets: tuple[bytes, bytes]) -> bytes:
    table = bytearray(b"o" * 256)
    for chars, mark in sets:
        for c in chars:
            table[c] = mark[0]
    return bytes(table)


# Each ASCII byte as its class: upper- and lower-case letter, digit, underscore (a word character
# and a symbol), other symbol, comma, sentence end, space (the regex module's `\s`), other.
_A_CLASSES = _classes(
    (_A_UPPER, b"U"),
    (_A_LETTERS.translate(None, _A_UPPER), b"l"),
    (_A_DIGITS, b"d"),
    (_A_SYMBOLS, b"s"),
    (b"_", b"_"),
    (_A_COMMAS, b"c"),
    (b".!?", b"p"),
    (_A_SPACE.encode("ascii"), b" "),
)
# The classes as word characters (`\w`: letters, digits, '_') and others (spaces), capitals kept:
# a capital that begins a word (`\b[A-Z]`) is then a ' U' or the first byte.
_A_WORD_STARTS = bytes(c if c == ord("U") else ord("w") if c in b"ld_" else ord(" ") for c in range(256))


def _ascii_measures(text: str, classes: bytes | None = None) -> Measures:
    """`_measures` of an ASCII line, by byte counts and a look at the line's end: the line's bytes
    are mapped to their classes once (`classes`, if given), and each class counted. A sentence end
    is a '.', '!' or '?' before a space or at the end (the end of `$` before a final newline is a
    space too)."""
    if classes is None:
        classes = text.encode("ascii").translate(_A_CLASSES)
    upper = classes.count(b"U")
    end = text.rstrip(_A_SPACE)
    return (
        upper + classes.count(b"l") or 1,
        bool(end) and end[-1] in _A_TERMINAL,
        _ascii_ellipsis(end),
        classes.count(b"p ") + classes.endswith(b"p"),
        upper,
        classes.count(b"d"),
        classes.count(b"s") + classes.count(b"_"),
        classes.count(b"c"),
    )


def _capitals_and_glued(text: str, ascii_classes: bytes | None) -> tuple[int, int]:
    """Capitals that begin a word (`_CAPITALISED`) and glued words (`_GLUED`, matches of at most 3
    counted) of a line with an upper-case letter. On ASCII, from the line's classes: a glued word
    is an 'lUl', and bytes.count finds them as findall does (left to right, none overlapping)."""
    if ascii_classes is None:
        return len(_CAPITALISED.findall(text)), min(len(_GLUED.findall(text)), 3)
    starts = ascii_classes.translate(_A_WORD_STARTS)
    return starts.count(b" U") + starts.startswith(b"U"), min(ascii_classes.count(b"lUl"), 3)


def _content_words(text: str, tokens: Sequence[str], stops: frozenset[str], cjk: int) -> frozenset[str]:
    """The words that carry a line's topic: longer non-stopwords, or the Han characters of CJK text."""
    if cjk:
        return frozenset(_HAN.findall(text))
    return frozenset([t for t in tokens if len(t) >= _TOPIC_MIN_CHARS]).difference(stops)


Shape = tuple[str, bool, frozenset[str]]


# A line's shape depends on its text alone: the features and the list steps of every selection round
# and pass ask for the same lines' shapes.
_shape_memo: dict[str, Shape] = page_memo()


def signature(text: str) -> Shape:
    """The shape of a list item: how it starts, whether it has digits, which separators it uses."""
    found = _shape_memo.get(text)
    return _shape(text, bool(_DIGIT.search(text))) if found is None else found


def shape(text: str, has_digit: bool) -> Shape:
    """`signature` of a line whose digits are known (the features have counted them)."""
    found = _shape_memo.get(text)
    return _shape(text, has_digit) if found is None else found


# The separators of one character. No match of the separator pattern overlaps another kind's: a
# one-character separator is found wherever the line holds it, and '--' wherever the line holds
# it (its first '-' is never the end of a spaced '-'). Only a spaced '-' (a '-' then a space) needs
# the pattern, to find which spaces as it does.
_A_SEPARATOR_CHARS = "|:;,/"
_SEPARATOR_CHARS = "–—|:;,/"
_SPACED_DASH = regex.compile(r"-\s")


def _shape(text: str, has_digit: bool) -> Shape:
    stripped = text.strip()
    first = stripped[:1]
    start = "digit" if first.isdigit() else "upper" if first.isupper() else "lower" if first.islower() else first
    ascii_text = stripped.isascii()
    if "-" in stripped and _SPACED_DASH.search(stripped):
        separators = frozenset((_A_SEPARATOR if ascii_text else _SEPARATOR).findall(stripped))
    else:
        found = [c for c in (_A_SEPARATOR_CHARS if ascii_text else _SEPARATOR_CHARS) if c in stripped]
        if "--" in stripped:
            found.append("--")
        separators = frozenset(found)
    shaped = _shape_memo[text] = (start, has_digit, separators)
    return shaped


# ASCII letters lower-cased, every other byte a space: an ASCII line's alphabetic words, lower-cased,
# are then its runs of letters split at C speed (what `_A_ALPHA_WORD` finds in the lowered line).
_A_LOWER_LETTERS = bytes(b + 32 if 65 <= b <= 90 else b if 97 <= b <= 122 else 32 for b in range(256))


def alpha_words(text: str) -> list[str]:
    """The lower-cased alphabetic words of a line."""
    if text.isascii():
        return text.encode("ascii").translate(_A_LOWER_LETTERS).decode("ascii").split()
    words: list[str] = _ALPHA_WORD.findall(text.lower())
    return words


def own_features(text: str, tokens: list[str], stops: frozenset[str]) -> tuple[list[float], frozenset[str]]:
    """The features of a line that depend on its text alone (and the page's stop list), in `OWN`
    order with the others 0.0, and the line's content words (its bag for the topic feature)."""
    n = len(text)
    ascii_text = text.isascii()
    # Most non-ASCII lines have no CJK character at all; a scan of their blocks by `re` says so
    # quicker than the script classes (tests/test_content_speed.py checks it covers _CJK).
    maybe_cjk = not ascii_text and MAYBE_CJK.search(text)
    cjk = len(_CJK.findall(text)) if maybe_cjk else 0
    # Outside the CJK blocks cleaner.text.word_count counts the runs of `\w` as `_words` does (by
    # bytes.translate on ASCII text), and remembers the count for the page, which content
    # selection asks for again.
    words = _words(text, cjk) if maybe_cjk else float(word_count(text))
    n_tok = len(tokens) or 1
    if cjk * 2 >= n:
        stop = len(_CJK_FUNCTION.findall(text)) / cjk
    else:
        stop = sum(map(stops.__contains__, tokens)) / n_tok if stops else 0.0
    alpha_words = len(tokens) or 1
    classes = text.encode("ascii").translate(_A_CLASSES) if ascii_text else None
    letters, terminal, ellipsis, sentences, upper, digits, symbols, commas = (
        _ascii_measures(text, classes) if ascii_text else _measures(text)
    )
    # Patterns that cannot match are not tried (the same 0 or False either way): dates and
    # counters need a digit, capitals and glued words an upper-case letter, and the measures have
    # counted both by the patterns' own classes (`\d`, `\p{Lu}`, or [0-9], [A-Z] on ASCII lines).
    # URLs are looked for in the lower-cased line on ASCII lines, which `re` does without IGNORECASE.
    capitals, glued = _capitals_and_glued(text, classes) if upper else (0, 0)
    urlish = _A_URLISH.search(text.lower()) if ascii_text else _URLISH.search(text)
    date = digits and _DATE.search(text)
    # The line's first character that is not a space: a bullet, a number or a leading quote is
    # where the patterns' `^\s*` leaves off (every `\s` of the regex module is str.isspace).
    first = text[:1]
    if first.isspace():
        first = text.lstrip()[:1]
    counter = digits and ("(" in text or first.isdigit()) and (_A_COUNTER if ascii_text else _COUNTER).search(text)
    bullet = (first in _BULLET_FIRST or first.isdigit() or "a" <= first <= "z") and _BULLET.match(text)
    quote = first in _QUOTE_FIRST and _LEADING_QUOTE.match(text)
    row = [
        math.log1p(n),
        math.log1p(words),
        cjk / n,
        stop,
        0.0,  # stop_rel: filled in once the page's typical density is known
        1.0 if terminal else 0.0,
        1.0 if ends_in_colon(text) else 0.0,
        1.0 if ellipsis else 0.0,
        min(sentences, 5) / 5,
        capitals / alpha_words,
        upper / letters,
        digits / n,
        symbols / n,
        min(commas / max(words, 1.0), 1.0),
        glued / 3,
        1.0 if urlish else 0.0,
        1.0 if date else 0.0,
        1.0 if counter else 0.0,
        1.0 if bullet else 0.0,
        1.0 if quote else 0.0,
        0.0,  # topic
        0.0,  # pattern_run
        0.0,  # repeated
        1.0 if words <= SHORT_WORDS else 0.0,
        0.0,  # short_run
        0.0,  # pos
        0.0,  # barrier
    ]
    return row, _content_words(text, tokens, stops, cjk)
