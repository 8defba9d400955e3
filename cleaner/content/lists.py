"""Lists the model doubted: the items of a list that an article line introduces, the ends of a kept
run of items alike, and the records (a label and a line of text) after a kept run of them (steps of
cleaner.content.select.decide)."""

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


# Records of two lines: a short label (a name and town, a question) and a line of running text under
# it (what they wrote, the answer). A kept run that ends (or starts) with this many records is a list
# of them, whose records the model doubted past some point.
_RECORDS = 3
_LABEL_WORDS = 5  # a label has at most this many words and no sentence end
_TEXT_WORDS = 6  # running text: at least this many words, or a sentence


def _record_part(text: str) -> str:
    """'t' for running text, 'l' for a label, '' for neither."""
    words = word_count(text)
    if words >= _TEXT_WORDS or (words and ends_sentence(text)):
        return "t"
    return "l" if 0 < words <= _LABEL_WORDS else ""


def extend_records(texts: Sequence[str], keep: list[bool]) -> list[bool]:
    """Extend a kept run that ends with three or more records of a label and running text through
    the doubted records that follow it, and one that starts so through those above it: a page of
    reader reviews or answers where the selection stopped inside the list (on a page of another
    kind a kept run rarely ends in such a pattern)."""
    n = len(texts)
    out = list(keep)
    parts = [_record_part(t) for t in texts]
    span = 2 * _RECORDS

    def records(lines: range, first: str) -> bool:
        other = "l" if first == "t" else "t"
        return all(keep[k] and parts[k] == (first if m % 2 == 0 else other) for m, k in enumerate(lines))

    for i in range(n):
        if not keep[i]:
            continue
        # The last line of a kept run, ending in records, with doubted records after it.
        if i + 2 < n and not keep[i + 1] and i + 1 >= span and records(range(i, i - span, -1), "t"):
            k = i + 1
            while k + 1 < n and not (keep[k] or keep[k + 1]) and parts[k] == "l" and parts[k + 1] == "t":
                out[k] = out[k + 1] = True
                k += 2
        # The first line of a kept run, opening with records, with doubted records above it.
        if i >= 2 and not keep[i - 1] and i + span <= n and records(range(i, i + span), "l"):
            k = i - 1
            while k >= 1 and not (keep[k] or keep[k - 1]) and parts[k] == "t" and parts[k - 1] == "l":
                out[k] = out[k - 1] = True
                k -= 2
    return out
