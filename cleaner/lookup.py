"""Lookup indexes over a document's text: which lines a pattern, or a cue word, can be found in,
found by searching the page's text once instead of by a Python loop over its lines."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate, repeat
from operator import add
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import re

    import regex

    from cleaner.document import Line


def _line_starts(text: str) -> list[int]:
    """Where each line of `text` starts in it, and one entry past the end."""
    return _starts_of(map(len, text.split("\n")))


def _starts_of(lengths: Iterable[int]) -> list[int]:
    """Where each line starts in the lines joined by newlines, given their lengths, and one past the end."""
    return list(accumulate(map(add, lengths, repeat(1)), initial=0))


@dataclass(slots=True)
class _Lowered:
    """A lowercased view of (some of) a document's lines, for cue-word lookups."""

    text: str
    starts: list[int]
    """Where each line starts in `text`, and one entry past the end."""
    lines: list[int] | None
    """The document index of each line of the view; None when it holds every line."""
    found: dict[str, list[int]]
    """Document indices of the lines holding each cue word looked up so far."""


# Characters that `regex.IGNORECASE` matches to an ASCII letter but that lowercase to something
# else: long s matches "s", dotted capital I matches "i" (it lowercases to "i" and a combining dot).
_FOLDS_TO_ASCII = ("\u017f", "\u0130")


class LineLookup:
    """The indexes of one state of a document's lines (the `Document` makes a new one after each
    edit of a line's text; removing a line changes no text, so it keeps the lookup)."""

    __slots__ = ("_lowered", "_starts", "lines", "text")

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.text = "\n".join([ln.text for ln in lines])
        """The text of every line (removed ones too), joined by newlines."""
        self._starts: list[int] | None = None
        self._lowered: dict[int | None, _Lowered] = {}
        """Lowercased views of the text for cue-word lookups, by longest line taken."""

    def lines_matching(self, pattern: regex.Pattern[str] | re.Pattern[str]) -> list[int]:
        """Indices, in order, of the lines (kept or not) in which `pattern` finds a match: one
        search of the text per line that has one, each from the start of the next line, instead of
        a search of every line. `pattern` must find within a line what it finds in the line alone
        (no match needs a newline or sees past one; see cleaner.rules.patterns.whole_text_pattern)."""
        text = self.text
        starts = self._text_starts()
        last = len(self.lines) - 1
        found: list[int] = []
        m = pattern.search(text)
        while m is not None:
            i = bisect_right(starts, m.start()) - 1
            found.append(i)
            if i >= last:
                break
            m = pattern.search(text, starts[i + 1])
        return found

    def _text_starts(self) -> list[int]:
        """`_line_starts` of the text, computed when first needed: from the lines' lengths where no
        line holds a newline (every line the Document splits), without splitting the text again."""
        if self._starts is None:
            if self.text.count("\n") == len(self.lines) - 1:
                self._starts = _starts_of(len(ln.text) for ln in self.lines)
            else:
                self._starts = _line_starts(self.text)
        return self._starts

    def lines_lowercase_containing(self, words: Iterable[str], within: int | None = None) -> list[int]:
        """Exactly the lines (their indices, in order; kept or not) whose lowercased text contains
        one of `words` (lowercase, no newline): `any(w in line.text.lower() for w in words)`, found by
        `str.find` over the whole lowercased text instead of a Python loop over the lines, which
        is what makes a cue-word test before a costly per-line check cheap. With `within`, only
        the lines of at most that many characters: paragraphs hold most of a page's characters, and
        the scan costs by the character."""
        view = self._lowered_view(within)
        low, starts = view.text, view.starts
        last = len(starts) - 2  # starts has one entry past the last line
        found: set[int] = set()
        for word in words:
            lines = view.found.get(word)  # rules share cue words ("photo", "credit")
            if lines is None:
                lines = view.found[word] = []
                pos = low.find(word)
                while pos >= 0:
                    i = bisect_right(starts, pos) - 1
                    lines.append(i if view.lines is None else view.lines[i])
                    if i >= last:
                        break
                    pos = low.find(word, starts[i + 1])  # one hit per line is enough
            found.update(lines)
        return sorted(found)

    def lines_maybe_matching_ignorecase(self, words: Iterable[str], within: int | None = None) -> list[int]:
        """The lines where a case-insensitive search (`regex.IGNORECASE`) for one of `words` may find
        it: every line it finds is among those returned, with perhaps more (every line, on a page
        holding a character such a search folds to ASCII and lowercasing does not). A candidate list
        for the pattern the words come from, not an answer: `lines_lowercase_containing` is exact."""
        if any(map(self.text.__contains__, _FOLDS_TO_ASCII)):
            # Rare: lowercasing would hide the match, so every line (within the length) is returned.
            return [i for i, ln in enumerate(self.lines) if within is None or len(ln.text) <= within]
        return self.lines_lowercase_containing(words, within)

    def _lowered_view(self, within: int | None) -> _Lowered:
        """The text (of the lines of at most `within` characters) lowercased, and where each line
        starts in it. Lowercasing one line or the whole text gives the same characters (no case
        mapping crosses a newline), though not always as many as the input has, hence offsets of
        its own."""
        view = self._lowered.get(within)
        if view is None:
            if within is None:
                low, lines = self.text.lower(), None
                # No character lowercases to nothing: as long as the text, each line keeps its length.
                starts = self._text_starts() if len(low) == len(self.text) else _line_starts(low)
            else:
                lines = [i for i, ln in enumerate(self.lines) if len(ln.text) <= within]
                text = "\n".join([self.lines[i].text for i in lines])
                low = text.lower()
                if lines and len(low) == len(text) and text.count("\n") == len(lines) - 1:
                    starts = _starts_of(len(self.lines[i].text) for i in lines)
                else:
                    starts = _line_starts(low)
            view = self._lowered[within] = _Lowered(low, starts, lines, {})
        return view
