"""Stop lists from justext, and a guess of the page's language from which list hits most.

justext ships stop lists for about 100 languages as text files in its package. Importing justext
itself pulls in lxml (a slow import), so the files are read straight from where the package is
installed, with justext's own normalisation (one word a line, lower-cased). They are loaded on
first use only, never at import, and kept for the process.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

import regex

_WORD = regex.compile(r"[^\W\d_]+")
# Words counted for the guess: the most frequent ones carry the stopwords of any language.
_GUESS_WORDS = 60
# A guess needs this many stopword hits among the frequent words; below it, no language.
_MIN_HITS = 8
# Several of justext's lists were built from Wikipedia text with English in it and hold hundreds
# of English words ("the", "and", "club", "league": Finnish, Uzbek, Marathi ...), so on English
# pages they out-hit the English list. English is the guess when its list has at least this share
# of the winner's hits: on the dev pages and fixtures, the English ones that other lists won give
# 0.62 and more, the pages in those languages 0.56 at most (a Portuguese list of dates; prose 0.3).
_ENGLISH_SHARE = 0.6


@lru_cache(maxsize=1)
def _folder() -> Path:
    spec = find_spec("justext")  # locates the package without importing it (and lxml with it)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("justext is not installed; content detection needs its stop lists")
    return Path(next(iter(spec.submodule_search_locations))) / "stoplists"


def languages() -> tuple[str, ...]:
    """The names of justext's stop lists, as justext.get_stoplists() gives them."""
    return tuple(sorted(p.stem for p in _folder().glob("*.txt")))


@lru_cache(maxsize=128)
def stoplist(language: str) -> frozenset[str]:
    """justext.get_stoplist(language), read without importing justext."""
    text = (_folder() / f"{language}.txt").read_text(encoding="utf-8")
    return frozenset(w.lower() for w in text.splitlines() if w.strip())


@lru_cache(maxsize=1)
def _lists() -> tuple[tuple[str, ...], tuple[frozenset[str], ...]]:
    """Every justext stop list, in the order of `languages()`.

    The guess below looks each of a page's few frequent words up in every list, rather than in
    one index of all stopwords to their languages: the index cost about 30 MB per process (150,000
    words), which a pool of workers pays once per worker. Only the answers for words met among
    pages' frequent words are remembered (`_languages_of`, bounded), which saves most of the
    lookups (about 0.25 ms per page). The lookups visit languages in the same order, so the
    guess is the same.
    """
    names = languages()
    return names, tuple(stoplist(name) for name in names)


def guess_language(text: str) -> str | None:
    """The justext language whose stop list covers most of the page's frequent words."""
    return guess_from_counts(Counter(_WORD.findall(text.lower())))


# Words whose stop lists are remembered (`_languages_of`): the frequent words of pages are mostly
# the same few thousand stopwords; the bound keeps a long batch's memory flat (a few MB at most).
_MEMO_WORDS = 20_000


@lru_cache(maxsize=_MEMO_WORDS)
def _languages_of(word: str) -> tuple[int, ...]:
    """The positions, in `languages()` order, of the stop lists that have `word`."""
    _, lists = _lists()
    return tuple(k for k, words in enumerate(lists) if word in words)


def guess_from_counts(counts: Counter[str]) -> str | None:
    """`guess_language` from the counts of the page's lower-cased words, in the order found."""
    if not counts:
        return None
    # Per language, the hits of the frequent words it lists, and the rank of its first listed word.
    # The winner has the most hits; among equals, the one a word-by-word tally would have met
    # first: its first listed word ranks highest, then the earlier list. English wins wherever it
    # has `_ENGLISH_SHARE` of the winner's hits.
    hits: dict[int, int] = {}
    first: dict[int, int] = {}
    for rank, (word, count) in enumerate(counts.most_common(_GUESS_WORDS)):
        for lang in _languages_of(word):
            if lang in hits:
                hits[lang] += count
            else:
                hits[lang] = count
                first[lang] = rank
    if not hits:
        return None
    best, _, lang = max((h, -first[k], -k) for k, h in hits.items())
    names = _lists()[0]
    english = names.index("English")
    if hits.get(english, 0) >= _ENGLISH_SHARE * best:
        return names[english] if hits[english] >= _MIN_HITS else None
    return names[-lang] if best >= _MIN_HITS else None
