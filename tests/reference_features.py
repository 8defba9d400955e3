"""The plain forms of content features that cleaner.content.measures computes a quicker way: an
oracle for tests (test_content_speed.py checks the quick forms give exactly these), not run time."""

from __future__ import annotations

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
