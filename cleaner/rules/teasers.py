"""What a teaser captured as one line of headline and summary looks like (CD003, cleaner.rules.content):
the two glued with no space, or the summary opening with a dateline in capitals."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from itertools import islice

import regex

# A teaser's headline glued to the first sentence of its summary, with no space between them
# ("...At Troy SteakhouseA party of six left..."): a capital that opens a word right after a
# lower-case letter, a digit, '?' or '!'.
_GLUE = regex.compile(r"(?<=[\p{Ll}\d?!])(\p{Lu}\p{Ll}*)\s")
_WORD = regex.compile(r"[\p{L}\d'’]+")
# A headline capitalises all its longer words; the sentence of its summary fewer than half of them.
_HEADLINE_CAPS = 1.0
_SENTENCE_CAPS = 0.5
_LONG_WORD = 4


def _capitalised(words: list[str]) -> tuple[float, int]:
    """The share of the words of four letters or more that start with a capital, and their number."""
    long = [w for w in words if len(w) >= _LONG_WORD and w.isalpha()]
    if not long:
        return 0.0, 0
    return sum(w[0].isupper() for w in long) / len(long), len(long)


def glued_teaser(text: str) -> bool:
    """A title-case headline of four words or more, then with no space the sentence of its summary.
    A glue point needs a capitalised word of four letters or more before it and mostly lower-case
    words after it, so a brand's inner capital ("WeWork", "AirPods", "MacBook") is not one."""
    # One walk over the line's words, shared by all its glue points: counting the words before each
    # point afresh would take time quadratic in the line's length ("aBcd aBcd ..." has a point in
    # every word). `words` holds the words ending at or before the point; the one running through it
    # (its letters up to the point) counts as the last word before it, as a scan stopping there reads it.
    words = _WORD.finditer(text)
    pending = next(words, None)
    count = long = lower = 0
    last = ""
    for m in _GLUE.finditer(text):
        at = m.start()
        if text[at - 1].isdigit() and len(m.group(1)) < 2:  # "$100K", "6A"
            continue
        while pending is not None and pending.end() <= at:
            last = pending.group()
            count += 1
            if len(last) >= _LONG_WORD and last.isalpha():
                long += 1
                lower += not last[0].isupper()
            pending = next(words, None)
        if lower:
            return False  # a lower-case word before every later point too: no headline
        before, glued, n = count, last, long
        if pending is not None and pending.start() < at:
            glued = text[pending.start() : at]
            before += 1
            if len(glued) >= _LONG_WORD and glued.isalpha():
                if not glued[0].isupper():
                    continue
                n += 1
        after = [w.group() for w in islice(_WORD.finditer(text, m.end()), 8)]
        if before < 4 or len(after) < 4:
            continue
        if glued.isalpha() and (len(glued) < _LONG_WORD or not glued[0].isupper()):
            continue
        if n < 2:  # the headline's longer words, all capitalised (_HEADLINE_CAPS)
            continue
        caps, n = _capitalised(after)
        if n >= 2 and caps < _SENTENCE_CAPS:
            return True
    return False


# A teaser's summary that opens with a dateline in capitals, after its headline on the same line
# ("...fraud scheme in US NEW YORK: An Indian-origin man has pleaded..."): the place, then ':',
# or a news agency in brackets and a dash ("DOVER (Reuters) —"). A bare dash is not taken: prose
# has acronyms before dashes ("...Fusion GPS — the font of...").
_DATELINE_START = r"(?<=[\p{L}\d)’'\"”]\s)\p{Lu}{3,}"
# The place in capitals, taken whole: where the dateline's end does not follow it, it follows no
# shorter part of it either, nor the same place read from a later word of it.
_DATELINE_PLACE = regex.compile(_DATELINE_START + r"(?>(?:[ .-]\p{Lu}{2,})*)")
_DATELINE_END = regex.compile(r"(?:,\s\p{Lu}[\p{L}.]+)?(?::|\s\([^)\n]{1,30}\)\s?[:—–])\s")
_TRAILING_NON_WORD = regex.compile(r"\W*", regex.REVERSE)
_LOWER_WORD = regex.compile(r"\b\p{Ll}{4,}\b")


def datelines(text: str) -> Iterator[tuple[int, int]]:
    """The spans of the datelines in `text`, in order and not overlapping: what one pattern
    (place, then end) would find, in time linear in the text. Searched as one pattern, a run of
    capitals ("HELLO WORLD HELLO ...") is read again from each of its words."""
    pos = 0
    while (place := _DATELINE_PLACE.search(text, pos)) is not None:
        end = _DATELINE_END.match(text, place.end())
        if end is None:
            pos = place.end()
            continue
        yield place.start(), end.end()
        pos = end.end()


def dateline_teaser(text: str) -> bool:
    """A headline of four words or more, then on the same line its summary's sentence opening with a
    dateline in capitals. In an article a dateline opens the line, or follows a full stop."""
    spans = list(datelines(text))
    if not spans:
        return False
    # Counts from one walk over the line's words (slicing it at each dateline would take quadratic
    # time). A dateline starts and ends beside a space, so no word runs through either end.
    starts = [w.start() for w in _WORD.finditer(text)]
    last_lower = max((w.start() for w in _LOWER_WORD.finditer(text)), default=-1)
    for start, end in spans:
        if bisect_left(starts, start) < 4:
            continue
        stop = start
        while stop > 0 and text[stop - 1].isspace():  # the text before, right-stripped
            stop -= 1
        tail = _TRAILING_NON_WORD.match(text, 0, stop)
        if tail is not None and any(c in ".!?。" for c in tail.group()):
            continue  # the text before ends a sentence: [.!?。]\W*$
        # The summary is a sentence (an all-capitals headline has "...RECORDS: REPORT" in it).
        if len(starts) - bisect_left(starts, end) >= 4 and last_lower >= end:
            return True
    return False


# The lines worth reading as teasers: a glue point, or the start of a dateline.
TEASER_SIGN = regex.compile(f"{_GLUE.pattern}|{_DATELINE_START}")


def teaser_line(text: str) -> bool:
    return glued_teaser(text) or dateline_teaser(text)
