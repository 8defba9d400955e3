"""Data tables dumped one cell per line under a title ending in ':' (standings, results), kept
whole beside the article (a step of cleaner.content.select.decide)."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from cleaner.text import ends_in_colon, word_count

# A table dumped one cell per line: a number cell ("5040", "1.2", "3-1", "12:30") or a label cell
# (a name or a short heading); a row is `period` cells and the rows repeat the same cell kinds.
_NUMBER_CELL = regex.compile(r"[\d.,:%+\-–/ ]*\d[\d.,:%+\-–/ ]*")
_CELL_WORDS = 4
_CELL_CHARS = 40
_TABLE_ROWS = 4
_MAX_PERIOD = 12
# Article text within this many lines of a table's title or end makes the table part of the article.
_TABLE_REACH = 3


def _cell(text: str) -> str:
    stripped = text.strip()
    if _NUMBER_CELL.fullmatch(stripped):
        return "n"
    if stripped and len(stripped) <= _CELL_CHARS and word_count(stripped) <= _CELL_WORDS:
        return "w"
    return ""


def titled_tables(texts: Sequence[str]) -> list[tuple[int, int]]:
    """[title, stop) of each data table dumped one cell per line under a title ending in ':': at
    least four rows of the same cell kinds, with both number and label cells (so a menu, all
    labels, is not one), maybe under a header row of labels. The title says a table follows; a
    standings or results table is the article itself on some pages."""
    cells = _Cells(texts)
    found: list[tuple[int, int]] = []
    stop = 0
    for title, text in enumerate(texts):
        if title < stop or not ends_in_colon(text):
            continue
        # The first row starts right under the title, or under a header row of labels.
        start = title + 1
        while start < len(texts) and start - title <= _MAX_PERIOD + 1:
            table = _table_at(cells, start, min_period=start - title - 1)
            if table is not None:
                stop = table[0]
                found.append((title, stop))
                break
            if cells[start] != "w":
                break
            start += 1
    return found


class _Cells:
    """The cell kind of each line ("n" number, "w" label, "" neither), measured when first asked."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        self.kinds: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, i: int) -> str:
        kind = self.kinds.get(i)
        if kind is None:
            kind = self.kinds[i] = _cell(self.texts[i])
        return kind


def _table_at(cells: _Cells, start: int, min_period: int = 2) -> tuple[int, int] | None:
    """(stop, period) of the longest table whose first row starts at `start`, if one does."""
    best: tuple[int, int] | None = None
    n = len(cells)
    for period in range(max(2, min_period), _MAX_PERIOD + 1):
        if start + period > n:
            break
        row = [cells[k] for k in range(start, start + period)]
        if "n" not in row or "w" not in row or "" in row:
            continue
        j = start
        while j + period < n and cells[j + period] == cells[j]:
            j += 1
        stop = j + period
        if (stop - start) // period >= _TABLE_ROWS and (best is None or stop > best[0]):
            best = (stop, period)
    return best


def keep_tables(texts: Sequence[str], probs: Sequence[float], threshold: float) -> list[float]:
    """Scores with each titled table (title, header and cells) raised to 1 where article text sits
    next to it, so that the article's region takes the table in."""
    out = list(probs)
    n = len(texts)
    for title, stop in titled_tables(texts):
        near = [*range(max(0, title - _TABLE_REACH), title), *range(stop, min(n, stop + _TABLE_REACH))]
        if any(probs[k] >= threshold for k in near):
            out[title:stop] = [1.0] * (stop - title)
    return out
