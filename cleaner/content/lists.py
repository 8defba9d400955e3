"""Lists the model doubted: the items of a list that an article line introduces, and the ends of a
kept run of items alike (steps of cleaner.content.select.decide)."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from cleaner.content.measures import Shape, signature
from cleaner.text import ends_in_colon, ends_sentence, word_count

_DATE_OR_TIME = regex.compile(r"\b\d{1,2}:\d{2}\b|\b(?:19|20)\d{2}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b")
_STAMP_WORDS = 8
# Items of a list bridged between article lines have at most this many words.
_LIST_WORDS = 15


# A comma as a list item's separator (see `alike`).
_COMMA = frozenset({","})


def alike(a: Shape, b: Shape, commas: bool = True) -> bool:
    """Two items of one list: they start alike, both have digits or neither, and they share a
    separator (or neither has one). An item may add a separator ("June 9 -- Arena, City" and
    "Aug. 8 -- Arena - Chicago, City"), so the separator sets need not be equal. Without `commas`,
    a comma does not count as a separator: items written as phrases may hold one."""
    sa, sb = (a[2], b[2]) if commas else (a[2] - _COMMA, b[2] - _COMMA)
    return a[0] == b[0] and a[1] == b[1] and (bool(sa & sb) or not (sa or sb))


def extend_lists(texts: Sequence[str], keep: list[bool], max_items: int = 200) -> list[bool]:
    """Keep the list that a kept line ending in ':' introduces: between two kept lines, the short
    lines in the gap; at the end of the article, the following lines that share the first item's
    shape, also where the model kept the first items and doubted the rest."""
    n = len(texts)
    out = list(keep)
    for i in range(n - 1):
        # The introducing line is kept, or follows a kept line (a lead-in the model doubted).
        if not ends_in_colon(texts[i]) or not (keep[i] or (i > 0 and keep[i - 1])):
            continue
        out[i] = True
        shape = signature(texts[i + 1])
        if keep[i + 1]:
            k = i + 1
            while k < n and keep[k] and alike(signature(texts[k]), shape):
                k += 1
            # An item is at least half as long as the shortest kept one: a label after the list
            # ("Download", "Share") starts like its items but is much shorter.
            shortest = min(word_count(texts[m]) for m in range(i + 1, k))
            while (
                k < n
                and not keep[k]
                and k - i <= max_items
                and alike(signature(texts[k]), shape, commas=False)
                and 2 * word_count(texts[k]) >= shortest
            ):
                out[k] = True
                k += 1
            continue
        j = i + 1
        while j < n and not keep[j] and j - i <= max_items:
            j += 1
        gap = range(i + 1, j)
        if j < n and keep[j] and all(word_count(texts[k]) <= _LIST_WORDS for k in gap):
            for k in gap:
                out[k] = True
            continue
        k = i + 1
        while k < j and alike(signature(texts[k]), shape):
            out[k] = True
            k += 1
    return out


# A kept run of this many items alike, with digits or separators, is a list whose ends may have
# been doubted.
_RUN_ITEMS = 3


def extend_runs(texts: Sequence[str], keep: list[bool]) -> list[bool]:
    """Extend each kept run of short list items that are alike and have digits or separators
    (dates, stages, results: plain capitalised labels are menu items) through the doubted lines on
    either side that are alike too (not date stamps, which are page furniture)."""
    n = len(texts)
    out = list(keep)
    shapes: dict[int, Shape] = {}

    def shape(k: int) -> Shape:
        found = shapes.get(k)
        if found is None:
            found = shapes[k] = signature(texts[k])
        return found

    def item(k: int) -> bool:
        return not ends_sentence(texts[k]) and word_count(texts[k]) <= _LIST_WORDS

    def joins(k: int, first: int) -> bool:
        return not keep[k] and item(k) and alike(shape(k), shape(first)) and not stamp(texts[k])

    i = 0
    while i < n:
        if not (keep[i] and item(i) and (shape(i)[1] or shape(i)[2])):
            i += 1
            continue
        j = i + 1
        while j < n and keep[j] and item(j) and alike(shape(j), shape(i)):
            j += 1
        if j - i >= _RUN_ITEMS:
            k = i - 1
            while k >= 0 and joins(k, i):
                out[k] = True
                k -= 1
            k = j
            while k < n and joins(k, i):
                out[k] = True
                k += 1
        i = j
    return out


def stamp(text: str) -> bool:
    """A date stamp or dateline ("Published 14 March 2024, 10:32"): page furniture."""
    return word_count(text) <= _STAMP_WORDS and not ends_sentence(text) and bool(_DATE_OR_TIME.search(text))
