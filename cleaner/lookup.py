"""Lookup indexes over a document's text: which lines a pattern, or a cue word, can be found in,
found by searching the page's text once instead of by a Python loop over its lines."""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate, repeat
from operator import add
from typing import TYPE_CHECKING

from cleaner.text import page_memo

if TYPE_CHECKING:
    import re

    import ahocorasick_rs
    import regex

    from cleaner.document import Line


def _line_starts(text: str) -> list[int]:
    """Where each line of `text` starts in it, and one entry past the end."""
    return _starts_of(map(len, text.split("\n")))


def _starts_of(lengths: Iterable[int]) -> list[int]:
    """Where each line starts in the lines joined by newlines, given their lengths, and one past the end."""
    return list(accumulate(map(add, lengths, repeat(1)), initial=0))


class _CueWords:
    """Every cue word looked up so far in this process, in one Aho-Corasick automaton (ahocorasick_rs): one scan of
    lowered text finds all of them, where a `str.find` scan per word read the text once for each
    word. Rules ask for a few fixed tuples of words, so the automaton is rebuilt only when a tuple
    brings new words (on a process's first pages). What a line holds is memoised by its text for
    the page being cleaned: a page's next pass, and the lookup made after an edit, scan only lines
    they have not seen, and a lookup within a length scans nothing more."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        """Each known word's number."""
        self.version = 0
        """Changes whenever words are learnt: what was found before lacks them."""
        self._automaton: ahocorasick_rs.AhoCorasick | None = None
        self.held: dict[str, tuple[int, ...]] = page_memo()
        """For a line's text, the numbers of the known words its lowercased text holds, in order."""
        self._lock = threading.Lock()

    def learn(self, words: Iterable[str]) -> set[int]:
        """The numbers of `words`, learning those not known yet."""
        with self._lock:
            new = [w for w in words if w not in self.index]
            if new:
                for word in new:
                    self.index[word] = len(self.index)
                self._automaton = None
                self.version += 1
                self.held.clear()
            return {self.index[w] for w in words}

    def hold(self, texts: set[str]) -> tuple[int, dict[str, tuple[int, ...]]]:
        """For each of `texts`, the numbers of the known words it holds, and the version they are of.
        Under a lock: pages cleaned in threads share the words and the memo (which a thread's
        end of page may empty at any time, hence an answer of its own)."""
        with self._lock:
            held = self.held
            if len(held) > 100_000:  # used outside the pipeline, which empties it after each page
                held.clear()
            answer = {t: h for t in texts if (h := held.get(t)) is not None}
            missing = [t for t in texts if t not in answer]
            if missing:
                low = [t.lower() for t in missing]  # each text alone, as `w in text.lower()` lowercases it
                starts = _starts_of(map(len, low))
                found: list[set[int]] = [set() for _ in missing]
                try:
                    matches = self._scanner().find_matches_as_indexes("\n".join(low), overlapping=True)
                except UnicodeEncodeError:  # a lone surrogate (JSON text may hold one): the automaton takes UTF-8 only
                    matches = [(k, starts[i], 0) for i, t in enumerate(low) for w, k in self.index.items() if w in t]
                for word, start, _ in matches:
                    # A word holds no newline: it lies within one text.
                    found[bisect_right(starts, start) - 1].add(word)
                for text, words in zip(missing, found, strict=True):
                    answer[text] = held[text] = tuple(sorted(words))
            return self.version, answer

    def _scanner(self) -> ahocorasick_rs.AhoCorasick:
        if self._automaton is None:
            import ahocorasick_rs  # deferred: a run that looks up no cue word never loads it

            self._automaton = ahocorasick_rs.AhoCorasick(list(self.index))  # words numbered in order
        return self._automaton


_CUES = _CueWords()


# Characters that `regex.IGNORECASE` matches to an ASCII letter but that lowercase to something
# else: long s matches "s", dotted capital I matches "i" (it lowercases to "i" and a combining dot).
_FOLDS_TO_ASCII = ("\u017f", "\u0130")


class LineLookup:
    """The indexes of one state of a document's lines (the `Document` makes a new one after each
    edit of a line's text; removing a line changes no text, so it keeps the lookup)."""

    __slots__ = ("_cues", "_starts", "lines", "text")

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.text = "\n".join([ln.text for ln in lines])
        """The text of every line (removed ones too), joined by newlines."""
        self._starts: list[int] | None = None
        self._cues: tuple[int, list[tuple[int, tuple[int, ...]]]] | None = None
        """The lines holding a known cue word (index, the words' numbers), as of a `_CueWords.version`."""

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
        one scan of the page's lowercased text for every cue word (`_CueWords`) instead of a Python
        loop over the lines, which is what makes a cue-word test before a costly per-line check cheap.
        With `within`, only the lines of at most that many characters."""
        wanted = _CUES.learn(words)
        lines = self.lines
        return [
            i
            for i, held in self._cue_lines()
            if not wanted.isdisjoint(held) and (within is None or len(lines[i].text) <= within)
        ]

    def _cue_lines(self) -> list[tuple[int, tuple[int, ...]]]:
        """The lines holding a known cue word, each with the words' numbers."""
        if self._cues is None or self._cues[0] != _CUES.version:
            version, held = _CUES.hold({ln.text for ln in self.lines})
            found = [(i, h) for i, h in enumerate([held[ln.text] for ln in self.lines]) if h]
            self._cues = (version, found)
        return self._cues[1]

    def lines_maybe_matching_ignorecase(self, words: Iterable[str], within: int | None = None) -> list[int]:
        """The lines where a case-insensitive search (`regex.IGNORECASE`) for one of `words` may find
        it: every line it finds is among those returned, with perhaps more (every line, on a page
        holding a character such a search folds to ASCII and lowercasing does not). A candidate list
        for the pattern the words come from, not an answer: `lines_lowercase_containing` is exact."""
        if any(map(self.text.__contains__, _FOLDS_TO_ASCII)):
            # Rare: lowercasing would hide the match, so every line (within the length) is returned.
            return [i for i, ln in enumerate(self.lines) if within is None or len(ln.text) <= within]
        return self.lines_lowercase_containing(words, within)
