"""The plain forms of content features that cleaner.content.measures computes a quicker way: an
oracle for tests (test_content_speed.py checks the quick forms give exactly these), not run time."""

from __future__ import annotations

import math
import re

import regex

from cleaner.content import measures

LETTER = regex.compile(r"\p{L}")
A_TOKEN = re.compile(r"[A-Za-z0-9_]+")
"""`\\w+` on ASCII text."""


def pattern_measures(text: str) -> measures.Measures:
    """Letters (at least 1), terminal punctuation, ellipsis, sentence ends, upper-case letters,
    digits, symbols and commas of a line, by the patterns of cleaner.content.measures (the plain
    form of its `_measures` and `_ascii_measures`)."""
    return (
        len(LETTER.findall(text)) or 1,
        bool(measures._TERMINAL.search(text)),
        bool(measures._ELLIPSIS.search(text)),
        len(measures._SENTENCE.findall(text)),
        len(measures._UPPER.findall(text)),
        len(measures._DIGIT.findall(text)),
        len(measures._SYMBOL.findall(text)),
        len(measures._COMMA.findall(text)),
    )


def own_features(text: str, tokens: list[str], stops: frozenset[str]) -> tuple[list[float], frozenset[str]]:
    """`measures.own_features` by its patterns alone, each tried on the whole line (no fast paths)."""
    m = measures
    n = len(text)
    cjk = len(m._CJK.findall(text))
    words = m._words(text, cjk)
    if cjk * 2 >= n:
        stop = len(m._CJK_FUNCTION.findall(text)) / cjk
    else:
        stop = sum(t in stops for t in tokens) / (len(tokens) or 1) if stops else 0.0
    letters, terminal, ellipsis, sentences, upper, digits, symbols, commas = pattern_measures(text)
    flags = [
        terminal,
        text.rstrip().endswith((":", "：")),
        ellipsis,
    ]
    row = [
        math.log1p(n),
        math.log1p(words),
        cjk / n,
        stop,
        0.0,
        *(1.0 if f else 0.0 for f in flags),
        min(sentences, 5) / 5,
        len(m._CAPITALISED.findall(text)) / (len(tokens) or 1),
        upper / letters,
        digits / n,
        symbols / n,
        min(commas / max(words, 1.0), 1.0),
        min(len(m._GLUED.findall(text)), 3) / 3,
        *(1.0 if p.search(text) else 0.0 for p in (m._URLISH, m._DATE, m._COUNTER, m._BULLET, m._LEADING_QUOTE)),
        0.0,
        0.0,
        0.0,
        1.0 if words <= m.SHORT_WORDS else 0.0,
        0.0,
        0.0,
        0.0,
    ]
    bag = frozenset(m._HAN.findall(text)) if cjk else frozenset(t for t in tokens if len(t) >= 4) - stops
    return row, bag
