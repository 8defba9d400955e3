"""Where a very large text is cut so that it is cleaned piece by piece in bounded memory.

Cleaning holds several views of the text it works on (a line object per line, the joined and
lowercased text, line offsets, word counts): about 26 times the input. A text longer than
THRESHOLD characters is therefore cleaned in chunks, each on its own, and their outputs joined.
The rules read a line among its neighbours and a page as a whole, so a chunk ends where a page
most likely ends: at every page break (two blank lines in a row, or a line holding a form feed),
else at the first blank line at least SIZE characters in, else (no blank line within MOST
characters) at the end of the last line that fits in MOST. A single line longer than MOST
characters is not cut: it is a chunk of its own (a line that long is left as it is, see
cleaner.pipeline.MAX_LINE_CHARS). Texts up to THRESHOLD characters (every real page) are never
cut. See docs/inputs.md, "Large files".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

THRESHOLD = 8_000_000
SIZE = 1_000_000
MOST = 4_000_000

# Strongest first: a page break (two blank lines, or a form feed on a line of its own), then a
# paragraph break (one blank line). Each match ends where the next chunk starts.
_BREAKS = (
    re.compile(r"\n[ \t\v]*(?:\f[ \t\v\f]*\n|\n[ \t\v\f]*\n)[ \t\v\f\n]*"),
    re.compile(r"\n[ \t\v\f]*\n[ \t\v\f\n]*"),
)


@dataclass(frozen=True)
class Chunk:
    text: str
    first_line: int
    """0-based: how many lines of the whole text come before this chunk."""
    after_blank: bool
    """The text had a blank line between the previous chunk and this one (joined with one)."""


def chunks(
    text: str, threshold: int | None = None, size: int | None = None, most: int | None = None
) -> Iterator[Chunk]:
    """`text` in consecutive chunks (one if it is at most `threshold` characters long; the limits
    default to this module's). Every character is in one chunk, except blank lines between two chunks."""
    threshold, size, most = threshold or THRESHOLD, size or SIZE, most or MOST
    if len(text) <= threshold:
        yield Chunk(text, 0, after_blank=False)
        return
    start, line, blank = 0, 0, False
    while start < len(text):
        end, after = _cut(text, start, start + size, start + most)
        yield Chunk(text[start:end], line, blank)
        line += text.count("\n", start, after)
        blank = after > end
        start = after


def _cut(text: str, start: int, lo: int, hi: int) -> tuple[int, int]:
    """(end of the chunk, start of the next): the first page break after `start`, else the first
    paragraph break from `lo`, before `hi`; else, when the rest is longer than `hi`, the last line
    break before it, or the end of a line that reaches past it; else the end. The chunk keeps the
    newline ending its last line."""
    page, paragraph = _BREAKS
    match = page.search(text, start, hi) or paragraph.search(text, lo, hi)
    if match is not None:
        return match.start() + 1, match.end()
    if hi < len(text):
        newline = text.rfind("\n", start, hi)
        if newline < 0:
            # A line longer than `most` from the chunk's start: it is the chunk, whole (it was the rest
            # of the text, however long, so one long line lifted the bound for all below it).
            newline = text.find("\n", hi)
        if newline >= 0:
            return newline + 1, newline + 1
    return len(text), len(text)
