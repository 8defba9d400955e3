"""`measures.own_features` (fast paths: byte classes, memo of character classes, skipped patterns)
gives exactly what its patterns give (`reference_features.own_features`), floats compared exactly."""

from __future__ import annotations

import reference_features
from hypothesis import given
from hypothesis import strategies as st
from material import FIXTURES, dev_files

from cleaner.content import measures
from cleaner.content.stoplists import stoplist
from cleaner.text import forget

# Characters the patterns tell apart: ASCII of every class, Cyrillic and Greek of both cases, a
# title-case letter, modifier and other letters, CJK of each script, combining marks, connector
# punctuation, digits of other scripts, numbers that are not digits, odd spaces and the
# `\x1c`-`\x1f` separators, letters whose case folds to ASCII, and the symbols, commas, quotes
# and sentence ends of the patterns.
ALPHABET = (
    "aBzZ09_ .,;:!?-'\"()[]{}|/\\@#+=<>~^*\t\x0b\x0c\r\n\x1c\x1f"
    "абвЖЩЁёΣσΩǅʰªßſİıKⅫⓐ東京の漢カ한ㄱ"
    "\u0301\u0308\u203f\ufe4f٣３²½\u00a0\u2028\u3000\u200b\u0085"
    "•·›»«‹©®™，、；。！？…“”‘’„—–№"
)
PIECES = ["http://", "www.", ".com", ".org", ".net", "@x", "more", "less", "...", "12:30", "2024", "1.2.24",
          "(3)", "- ", "1. ", "a) ", "aBc", "3분", "5年"]  # fmt: skip
lines = st.lists(st.one_of(st.text(ALPHABET, max_size=6), st.sampled_from(PIECES)), max_size=12).map("".join)
STOPS = [frozenset(), stoplist("English"), stoplist("Russian")]


def _check(line: str) -> None:
    if not line.strip():
        return  # content detection measures non-blank lines only
    tokens = measures.alpha_words(line)
    for stops in STOPS:
        try:
            assert measures.own_features(line, tokens, stops) == reference_features.own_features(line, tokens, stops)
        finally:
            forget()


@given(lines)
def test_own_features_agree_with_the_patterns(line: str) -> None:
    _check(line)


def test_own_features_agree_with_the_patterns_on_every_line() -> None:
    paths = [*FIXTURES.rglob("*.txt"), *dev_files("raw"), *dev_files("gold")]
    found = sorted({ln for p in paths for ln in p.read_text(encoding="utf-8").split("\n")})
    assert len(found) > 1000
    for line in found:
        _check(line)
