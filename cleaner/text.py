"""Small, language-light measures of a line of text, shared by the heuristic rules."""

from __future__ import annotations

import re

import regex

_WORD = regex.compile(r"\w+")
# Chinese, Japanese and Korean are written without spaces: count characters instead of words.
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
_SENTENCE_PUNCT = ".!?。！？…:;"
_CLOSERS = "\"'”’»)]"
_SENTENCE_BREAK = regex.compile(r"[.!?。！？][\"'”’»)\]]*\s+(?=[\p{Lu}\"“‘'«(])")
_QUOTE = regex.compile(r"[\"“”«»]")
_LOWERCASE_FRAGMENT = regex.compile(r"[\p{Ll}][\p{Ll}\p{M}'’\- ]*")


# Word counts of the lines of the page being cleaned: several rules count the same line. The
# pipeline empties it after each page (`forget`), so it holds one page at most.
_word_counts: dict[str, int] = {}


def forget() -> None:
    """Drop the per-page memo (the pipeline calls it after each page)."""
    _word_counts.clear()


def word_count(text: str) -> int:
    """Words, with each CJK character counting as half a word (about two per word)."""
    n = _word_counts.get(text)
    if n is None:
        n = _count_words(text)
        if len(_word_counts) > 100_000:  # called outside the pipeline: keep it bounded
            _word_counts.clear()
        _word_counts[text] = n
    return n


# The blocks where CJK characters are, as ranges: `re` scans for them much faster than `regex` scans
# for script properties, and most texts have none. A text with no match has no CJK character (a
# test checks every code point of _CJK, which covers the content features' CJK patterns, is here).
MAYBE_CJK = re.compile(
    "[\u1100-\u11ff\u2e80-\u2fff\u3000-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\uff00-\uffef\U00010000-\U0010ffff]"
)
# ASCII characters that are not word characters (\w) become spaces, so that ASCII text splits into
# exactly the words `_WORD` finds, in two passes of C code instead of a regular expression.
_ASCII_NON_WORD = bytes(b if chr(b).isalnum() or b == ord("_") else ord(" ") for b in range(256))


def _count_words(text: str) -> int:
    if text.isascii():  # the common case
        return len(text.encode("ascii").translate(_ASCII_NON_WORD).split())
    if not MAYBE_CJK.search(text):
        return len(_WORD.findall(text))
    spaced, cjk = _CJK.subn(" ", text)
    return len(_WORD.findall(spaced)) + (int(cjk) + 1) // 2


def ends_in_colon(text: str) -> bool:
    """The line ends in ':' (or its full-width form): it introduces what follows, a list or a table."""
    return text.rstrip().endswith((":", "："))


def ends_sentence(text: str) -> bool:
    """The line ends in sentence punctuation, maybe followed by closing quotes or brackets."""
    # Plain string work on the line's end: a regex search would try every position of the line.
    end = text.rstrip().rstrip(_CLOSERS)
    return bool(end) and end[-1] in _SENTENCE_PUNCT


def sentence_count(text: str) -> int:
    stripped = text.strip()
    if not stripped:
        return 0
    return len(_SENTENCE_BREAK.findall(stripped)) + 1


def has_quote(text: str) -> bool:
    return bool(_QUOTE.search(text))


def is_prose(text: str, min_words: int = 8) -> bool:
    """A line that reads like a sentence of running text."""
    return ends_sentence(text) and word_count(text) >= min_words  # the cheaper test first


def is_headline_like(text: str, max_words: int = 20) -> bool:
    """Short, not ending like a sentence: a headline, subheading or teaser title."""
    n = word_count(text)
    return 0 < n <= max_words and not text.rstrip().endswith((".", "!", "?", "。"))


def is_lowercase_fragment(text: str, max_words: int = 3) -> bool:
    """A few lowercase words with no punctuation: what an image's alt text leaves behind."""
    stripped = text.strip()
    if not stripped or len(stripped) > 60 or not stripped[0].islower() or not _LOWERCASE_FRAGMENT.fullmatch(stripped):
        return False
    return word_count(stripped) <= max_words
