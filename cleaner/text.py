"""Small, language-light measures of a line of text, shared by the heuristic rules."""

from __future__ import annotations

import re
from typing import Any

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
# pipeline empties it after each page, all its passes done (`forget`), so it holds one page at most.
_word_counts: dict[str, int] = {}
_page_memos: list[dict[Any, Any]] = [_word_counts]


def page_memo() -> dict[Any, Any]:
    """A memo that lives as long as the page being cleaned: `forget` empties it with the word counts.
    For what a pass measures of a line's text alone, which the page's next pass asks again."""
    memo: dict[Any, Any] = {}
    _page_memos.append(memo)
    return memo


def forget() -> None:
    """Drop the per-page memos (the pipeline calls it after each page)."""
    for memo in _page_memos:
        memo.clear()


def word_count(text: str) -> int:
    """Words, with each CJK character counting as half a word (about two per word)."""
    if len(text) > _COUNT_SLICE:
        return _count_words(text)  # a whole large file: not worth keeping alive in the memo
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
# ASCII word characters (\w) become 'w' and the others spaces: the words `_WORD` finds in ASCII text
# are then the runs of 'w', counted where they start (after a space, or at the start) by C code,
# with no regular expression and no list of the words.
_ASCII_WORD_RUNS = bytes(ord("w") if chr(b).isalnum() or b == ord("_") else ord(" ") for b in range(256))


def _count_words(text: str) -> int:
    if len(text) > _COUNT_SLICE:
        return _count_words_sliced(text)
    words, cjk = _count_parts(text)
    return words + (cjk + 1) // 2


def _count_parts(text: str) -> tuple[int, int]:
    """(words, CJK characters) of `text`."""
    if text.isascii():  # the common case
        runs = text.encode("ascii").translate(_ASCII_WORD_RUNS)
        return runs.count(b" w") + runs.startswith(b"w"), 0
    if not MAYBE_CJK.search(text):
        return len(_WORD.findall(text)), 0
    spaced, cjk = _CJK.subn(" ", text)
    return len(_WORD.findall(spaced)), int(cjk)


class WordTally:
    """word_count of a text given in pieces, cut anywhere: a word split by a cut counts once."""

    def __init__(self) -> None:
        self.words = self.cjk = 0
        self.last = ""

    def add(self, piece: str) -> None:
        if not piece:
            return
        words, cjk = _count_parts(piece) if len(piece) <= _COUNT_SLICE else _count_parts_sliced(piece)
        self.words += words - (_in_word(self.last) and _in_word(piece[0]))
        self.cjk += cjk
        self.last = piece[-1]

    @property
    def total(self) -> int:
        return self.words + (self.cjk + 1) // 2


def _in_word(ch: str) -> bool:
    """Whether `ch` is part of a word as _count_parts counts them (CJK characters are not)."""
    return bool(ch) and _WORD.fullmatch(ch) is not None and _CJK.fullmatch(ch) is None


# A whole large file's words are counted a slice at a time: the list of its words would take
# several times its size. No word crosses a newline, so slices cut after one add up exactly.
_COUNT_SLICE = 1_000_000


def _count_words_sliced(text: str) -> int:
    words, cjk = _count_parts_sliced(text)
    return words + (cjk + 1) // 2


def _count_parts_sliced(text: str) -> tuple[int, int]:
    words = cjk = start = 0
    while start < len(text):
        end = text.find("\n", start + _COUNT_SLICE) + 1 or len(text)
        w, c = _count_parts(text[start:end])
        words, cjk, start = words + w, cjk + c, end
    return words, cjk


# "By Jane Doe", "By JANE DOE and JOHN ROE", "By Jane Doe | Agency", "by Jane Doe, Staff Writer",
# "Posted by Jane Doe on May 3, 2024, 6:21 AM", and in French, Spanish, Portuguese, German, Italian
# and Dutch: "Par Marie Dupont", "Por María García", "Von Anna Schmidt", "Di Mario Rossi"; in
# Indonesian and Russian: "Oleh Budi Santoso", "Текст: Венера Ерофеева·24 сентября 2018".
# Case matters here: "By land and sea" is a sentence, "By The Numbers" a subheading, and a name
# has two words at least ("By Moonlight" may be a poem's title). A name is taken whole (an atomic
# group): split anywhere, "By John DoeeAeAeA..." reads as names joined by "e" in exponentially many ways.
_NAME = r"(?>\p{Lu}[\p{L}'’.-]*)"
_BYLINE = regex.compile(
    r"(?:(?i:posted|written|published|reported|story|words|text|photos?)\s+)?"
    r"(?:(?:[Bb][Yy]|[Pp]ar|[Pp]or|[Vv]on|[Dd]i|[Dd]oor|[Oo]leh)\s+|(?:Текст|Автор|Penulis)\s*:\s*)"
    r"(?!(?:The|A|An|This|That|These|Our|My|Its|THE|Qué|Que|Quoi|Was|Warum|Wie|Che|Perché|Como|Cómo"
    r"|Le|La|Les|El|Los|Las|Der|Die|Das|Il|Lo|Gli)\b)"
    rf"{_NAME}(?:\s+{_NAME}){{1,3}}"
    rf"(?:\s*(?:,|and|&|AND|und|et|y|e|en)\s*{_NAME}(?:\s+{_NAME}){{0,3}}){{0,4}}"
    r"(?:\s*[|,•·–—-]\s*[^.!?]{0,80}|\s+on\s+.{0,60})?"
)


def is_byline(text: str) -> bool:
    """The whole line is a byline: who wrote the story (maybe with an agency or a date)."""
    return _BYLINE.fullmatch(text.strip()) is not None


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
