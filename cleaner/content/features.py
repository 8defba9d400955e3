"""Per-line features of a page, computed in one pass over its lines.

Everything here is measured in a way that holds across languages: lengths in characters and in
words (CJK characters count as half a word, since those scripts have no spaces), stopword density
relative to the page's own prose (so a language whose stop list is short is not penalised),
punctuation, case, digits and symbols, repetition, position, and runs of short lines.
The same code computes the features for training (bench/train_content.py) and at run time.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, chain

import regex

from cleaner.content.stoplists import guess_from_counts, stoplist
from cleaner.text import MAYBE_CJK, ends_in_colon, page_memo, word_count

_TOKEN = regex.compile(r"\w+")
_ALPHA_WORD = regex.compile(r"[^\W\d_]+")
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
_HAN = regex.compile(r"\p{Han}")
_SEPARATOR = regex.compile(r"--|[–—|:;,/]|\s-\s")
# Topic words: at least this many characters; source lines: at least log1p(10) words.
_TOPIC_MIN_CHARS = 4
_TOPIC_LONG = math.log1p(10)
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
# Only what the line model reads (cleaner.content.model): the line's own features, and whether
# the line before it ends in a colon.
NAMES = (*OWN, "after_colon")


@dataclass(frozen=True)
class Page:
    """The features of each line of a page, in `NAMES` order, and the language guessed."""

    rows: list[list[float]]
    language: str | None


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
_A_SENTENCE = re.compile(r"[.!?](?:[\t\n\x0b\x0c\r ]|$)")
_A_ALPHA_WORD = re.compile(r"[a-z]+")  # on lower-cased text
_A_GLUED = re.compile(r"[a-z][A-Z][a-z]")
# `\b[A-Z]`, spelled with the letter first: `re` then skips ahead to the next capital.
_A_CAPITALISED = re.compile(r"[A-Z](?<![A-Za-z0-9_][A-Z])")
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


def _ascii_measures(text: str) -> Measures:
    """`_measures` of an ASCII line, by byte counts and a look at the line's end."""
    data = text.encode("ascii")
    size = len(data)
    drop = data.translate  # _count spelled out: this runs on most lines of every page
    end = text.rstrip(_A_SPACE)
    return (
        size - len(drop(None, _A_LETTERS)) or 1,
        bool(end) and end[-1] in _A_TERMINAL,
        _ascii_ellipsis(end),
        len(_A_SENTENCE.findall(text)),
        size - len(drop(None, _A_UPPER)),
        size - len(drop(None, _A_DIGITS)),
        size - len(drop(None, _A_SYMBOLS)),
        size - len(drop(None, _A_COMMAS)),
    )


def _content_words(text: str, tokens: Sequence[str], stops: frozenset[str], cjk: int) -> frozenset[str]:
    """The words that carry a line's topic: longer non-stopwords, or the Han characters of CJK text."""
    if cjk:
        return frozenset(_HAN.findall(text))
    return frozenset([t for t in tokens if len(t) >= _TOPIC_MIN_CHARS]).difference(stops)


Shape = tuple[str, bool, frozenset[str]]


def signature(text: str) -> Shape:
    """The shape of a list item: how it starts, whether it has digits, which separators it uses."""
    return _shape(text, bool(_DIGIT.search(text)))


def _shape(text: str, has_digit: bool) -> Shape:
    """`signature` of a line whose digits are known (the features have counted them)."""
    stripped = text.strip()
    first = stripped[:1]
    start = "digit" if first.isdigit() else "upper" if first.isupper() else "lower" if first.islower() else first
    separators = (_A_SEPARATOR if stripped.isascii() else _SEPARATOR).findall(stripped)
    return start, has_digit, frozenset(separators)


def _pattern_runs(shapes: Sequence[Shape]) -> list[float]:
    """For each line (given its `signature`), log1p of the run of neighbouring lines with its shape,
    where the shape has digits or separators (a table, a list of dates or results; plain labels
    are menu items)."""
    out = [0.0] * len(shapes)
    i = 0
    while i < len(shapes):
        j = i + 1
        while j < len(shapes) and shapes[j] == shapes[i]:
            j += 1
        if j - i >= 2 and (shapes[i][1] or shapes[i][2]):
            out[i:j] = [math.log1p(j - i)] * (j - i)
        i = j
    return out


def _alpha_words(text: str) -> list[str]:
    """The lower-cased alphabetic words of a line."""
    return (_A_ALPHA_WORD if text.isascii() else _ALPHA_WORD).findall(text.lower())


def _own(text: str, tokens: list[str], stops: frozenset[str]) -> tuple[list[float], frozenset[str]]:
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
    letters, terminal, ellipsis, sentences, upper, digits, symbols, commas = (
        _ascii_measures(text) if ascii_text else _measures(text)
    )
    # Patterns that cannot match are not tried (the same 0 or False either way): dates and
    # counters need a digit, capitals and glued words an upper-case letter, and the measures have
    # counted both by the patterns' own classes (`\d`, `\p{Lu}`, or [0-9], [A-Z] on ASCII lines).
    # URLs are looked for in the lower-cased line on ASCII lines, which `re` does without IGNORECASE.
    capitals = (_A_CAPITALISED if ascii_text else _CAPITALISED).findall(text) if upper else ()
    glued = (_A_GLUED if ascii_text else _GLUED).findall(text) if upper else ()
    urlish = _A_URLISH.search(text.lower()) if ascii_text else _URLISH.search(text)
    date = digits and _DATE.search(text)
    counter = digits and (_A_COUNTER if ascii_text else _COUNTER).search(text)
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
        len(capitals) / alpha_words,
        upper / letters,
        digits / n,
        symbols / n,
        min(commas / max(words, 1.0), 1.0),
        min(len(glued), 3) / 3,
        1.0 if urlish else 0.0,
        1.0 if date else 0.0,
        1.0 if counter else 0.0,
        1.0 if _BULLET.match(text) else 0.0,
        1.0 if _LEADING_QUOTE.match(text) else 0.0,
        0.0,  # topic
        0.0,  # pattern_run
        0.0,  # repeated
        1.0 if words <= SHORT_WORDS else 0.0,
        0.0,  # short_run
        0.0,  # pos
        0.0,  # barrier
    ]
    return row, _content_words(text, tokens, stops, cjk)


def window_means(values: Sequence[float], half: int) -> list[float]:
    """Mean of values[i-half : i+half+1] for every i, by prefix sums: the windows cut by the
    page's ends first and last, the full ones in between in one pass (no min/max per line).
    Each mean is the same float division of the same prefix difference as the plain loop."""
    n = len(values)
    prefix = list(accumulate(values, initial=0.0))
    width = 2 * half + 1
    if n < width:
        out = []
        for i in range(n):
            lo, hi = max(0, i - half), min(n, i + half + 1)
            out.append((prefix[hi] - prefix[lo]) / (hi - lo))
        return out
    head = [(prefix[i + half + 1] - prefix[0]) / (i + half + 1) for i in range(half)]
    middle = [(a - b) / width for a, b in zip(prefix[width:], prefix[: n - width + 1], strict=True)]
    tail = [(prefix[n] - prefix[i - half]) / (n - i + half) for i in range(n - half, n)]
    return head + middle + tail


# What depends on a line's text alone (and the page's language), for the page being cleaned.
_alpha_memo: dict[str, list[str]] = page_memo()
_own_memo: dict[str | None, dict[str, tuple[list[float], frozenset[str]]]] = page_memo()


def page_features(texts: Sequence[str], barrier: Sequence[bool] | None = None) -> Page:
    """Features of each line in `texts` (the page's non-blank lines, in order).

    `barrier[i]` says a comment-section marker was seen before line i.
    """
    n = len(texts)
    if not n:
        return Page([], None)
    # The page's words, line by line: the language guess counts them (the same words, in the same
    # order, as its own pass over the joined lines would find) and the line features reuse them.
    # Menus, share bars and footers repeat lines (a quarter of the dev pages' lines are repeats):
    # what depends on a line's text alone is computed once per distinct text of the page.
    # A page's second pass sees most of its first pass's lines again: both memos last the page.
    distinct = list(dict.fromkeys(texts))
    alpha = {}
    for t in distinct:
        found = _alpha_memo.get(t)
        alpha[t] = _alpha_memo.setdefault(t, _alpha_words(t)) if found is None else found
    words = [alpha[t] for t in texts]
    language = guess_from_counts(Counter(chain.from_iterable(words)))
    stops = stoplist(language) if language else frozenset()
    idx = {name: k for k, name in enumerate(OWN)}
    memo = _own_memo.setdefault(language, {})
    own = {}
    for t in distinct:
        known = memo.get(t)
        if known is None:
            known = memo[t] = _own(t, alpha[t], stops)
        own[t] = (known[0].copy(), known[1])  # a copy: the page-level columns are filled in below
    c_log_words, c_stop, c_short = idx["log_words"], idx["stop"], idx["short"]

    # Typical stopword density of the page's prose: the length-weighted mean over longer lines.
    num = den = 0.0
    for t in texts:
        r = own[t][0]
        if r[c_log_words] >= math.log1p(8):
            num += r[c_stop] * len(t)
            den += len(t)
    typical = num / den if den else 0.0
    # Topic: how many of a line's content words the page's longer lines also use. The article's
    # lines share their subject; menus and teasers for other stories do not.
    df: Counter[str] = Counter()
    for t in texts:
        r, bag = own[t]
        if r[c_log_words] >= _TOPIC_LONG:
            df.update(bag)
    # A word counts for a line's topic if a longer line other than the line itself uses it: for a
    # short line any word in df, for a longer one (which put its own bag in df) a word in df twice.
    in_df = set(df)
    in_df_twice = {w for w, c in df.items() if c > 1}
    # The page-level columns that still depend only on the line's text, once per distinct text.
    c_stop_rel, c_topic = idx["stop_rel"], idx["topic"]
    for r, bag in own.values():
        r[c_stop_rel] = min(r[c_stop] / typical, 3.0) if typical > 0 else 0.0
        if bag:
            r[c_topic] = len(bag.intersection(in_df_twice if r[c_log_words] >= _TOPIC_LONG else in_df)) / len(bag)
    rows = [own[t][0].copy() for t in texts]  # copies: the columns below depend on the line's place

    stripped = [t.strip() for t in texts]
    counts = Counter(stripped)
    short_col = [r[c_short] for r in rows]
    run_len = [0.0] * n
    i = 0
    while i < n:
        j = i
        while j < n and short_col[j]:
            j += 1
        for k in range(i, j):
            run_len[k] = math.log1p(j - i)
        i = max(j, i + 1)
    c_digits = idx["digits"]
    shapes = {t: _shape(t, own[t][0][c_digits] > 0) for t in distinct}
    patterns = _pattern_runs([shapes[t] for t in texts])
    c_pattern, c_repeated = idx["pattern_run"], idx["repeated"]
    c_short_run, c_pos, c_barrier = idx["short_run"], idx["pos"], idx["barrier"]
    for k, r in enumerate(rows):
        r[c_pattern] = patterns[k]
        r[c_repeated] = 1.0 if counts[stripped[k]] > 1 else 0.0
        r[c_short_run] = run_len[k]
        r[c_pos] = k / n
        r[c_barrier] = 1.0 if barrier and barrier[k] else 0.0

    colon_col = idx["colon_end"]
    previous_colon = 0.0
    for r in rows:
        r.append(previous_colon)
        previous_colon = r[colon_col]
    return Page(rows, language)
