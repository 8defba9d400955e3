"""The plain forms of content features that cleaner.content.features computes a quicker way: an
oracle for tests (test_content_speed.py checks the quick forms give exactly these), not run time."""

from __future__ import annotations

import re

import regex

from cleaner.content import features

LETTER = regex.compile(r"\p{L}")
A_TOKEN = re.compile(r"[A-Za-z0-9_]+")
"""`\\w+` on ASCII text."""


def pattern_measures(text: str) -> features.Measures:
    """Letters (at least 1), terminal punctuation, ellipsis, sentence ends, upper-case letters,
    digits, symbols and commas of a line, by the patterns of cleaner.content.features (the plain
    form of its `_measures` and `_ascii_measures`)."""
    return (
        len(LETTER.findall(text)) or 1,
        bool(features._TERMINAL.search(text)),
        bool(features._ELLIPSIS.search(text)),
        len(features._SENTENCE.findall(text)),
        len(features._UPPER.findall(text)),
        len(features._DIGIT.findall(text)),
        len(features._SYMBOL.findall(text)),
        len(features._COMMA.findall(text)),
    )
