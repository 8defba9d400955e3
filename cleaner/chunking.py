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
from collections.abc import Iterable, Iterator
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
    return chunks_of((text,), threshold, size, most)


def chunks_of(
    pieces: Iterable[str], threshold: int | None = None, size: int | None = None, most: int | None = None
) -> Iterator[Chunk]:
    """The chunks of the text that `pieces` make one after another, as `chunks` cuts that text,
    holding at most a few MOST characters of it at a time (a huge JSONL record's text, decoded
    piece by piece, is never held whole: cleaner.jsonl_big)."""
    threshold, size, most = threshold or THRESHOLD, size or SIZE, most or MOST
    window = _Window(iter(pieces))
    if not window.holds(threshold + 1, threshold + 1):
        yield Chunk(window.text, 0, after_blank=False)
        return
    line, blank = 0, False
    while window.holds(1):
        window.holds(most + 1)  # enough to know whether the text goes on past the chunk's bound
        start, text = window.start, window.text
        cut = _cut(text, start, start + size, start + most, window.complete)
        while cut is None:  # a line longer than `most`: read on to its end
            window.holds(len(text) - start + 1)
            start, text = window.start, window.text
            cut = _cut(text, start, start + size, start + most, window.complete)
        end, after = cut
        yield Chunk(text[start:end], line, blank)
        line += text.count("\n", start, after)
        blank = after > end
        window.start = after


class _Window:
    """The text still to be cut, from `start` in `text`, read from the pieces as needed."""

    def __init__(self, pieces: Iterator[str]) -> None:
        self.pieces, self.text, self.start, self.complete = pieces, "", 0, False

    def holds(self, n: int, read: int = 0) -> bool:
        """Whether `n` characters are left from `start`, reading pieces until they are or none is left
        (until `read` characters are, if given)."""
        have = len(self.text) - self.start
        if have >= n or self.complete:
            return have >= n
        # Read twice what is asked, so that a text of many small chunks is copied here a bounded
        # number of times per character, not once per chunk.
        read = read or 2 * n
        new: list[str] = []
        for piece in self.pieces:
            new.append(piece)
            have += len(piece)
            if have >= read:
                break
        else:
            self.complete = True
        if new:
            kept = [self.text[self.start :], *new] if self.start < len(self.text) else new
            # One piece is taken as it is: a text given whole is never copied.
            self.text = kept[0] if len(kept) == 1 else "".join(kept)
            self.start = 0
        return have >= n


def _cut(text: str, start: int, lo: int, hi: int, complete: bool = True) -> tuple[int, int] | None:
    """(end of the chunk, start of the next): the first page break after `start`, else the first
    paragraph break from `lo`, before `hi`; else, when the rest is longer than `hi`, the last line
    break before it, or the end of a line that reaches past it; else the end. The chunk keeps the
    newline ending its last line. `text` holds the whole rest of the text if `complete`, else at
    least `hi` + 1 characters from `start`; None when the line reaching past `hi` ends beyond it."""
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
            if newline < 0 and not complete:
                return None
        if newline >= 0:
            return newline + 1, newline + 1
    return len(text), len(text)
