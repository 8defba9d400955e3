"""The per-page memo of word counts changes no count."""

from __future__ import annotations

import sys

from hypothesis import given
from hypothesis import strategies as st

from cleaner import text
from cleaner.pipeline import clean_text


def test_word_count_is_the_same_cached_or_not() -> None:
    for sample in ["Three small words", "日本語の文です", "Mixed 日本 text", "Ünïcödé wörds hére", ""]:
        text.forget()
        first = text.word_count(sample)
        assert text.word_count(sample) == first == text._count_words(sample)
    assert text.word_count("日本語の文です") == 4  # seven CJK characters count as (7 + 1) // 2 words
    text.forget()


def test_the_pipeline_forgets_the_counts_of_each_page() -> None:
    clean_text("A headline\n\nThe first paragraph of the story, which is kept.\n")
    assert text._word_counts == {}


def test_the_ascii_count_is_the_pattern_count() -> None:
    samples = ["", " ", "a", "a_b c-d", "x1 2y\t\x0b\x1cz", "don't stop!", "...", "__", "\x7f\x00a"]
    samples += [chr(c) + "w" + chr(c) for c in range(128)]
    for sample in samples:
        assert text._count_words(sample) == len(text._WORD.findall(sample)), repr(sample)


def test_every_cjk_character_is_in_the_quick_ranges() -> None:
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        if text._CJK.match(c):
            assert text.MAYBE_CJK.match(c), hex(code)


def test_counts_with_and_without_cjk() -> None:
    for sample in [
        "日本語の文です",
        "Mixed 日本 text",
        "한국어 문장입니다",
        "Ünïcödé “quoted” wörds",
        "emoji 😀 word",
        "ｶﾀｶﾅ",
    ]:
        spaced = text._CJK.sub(" ", sample)
        cjk = len(text._CJK.findall(sample))
        want = len(text._WORD.findall(spaced)) + (cjk + 1) // 2 if cjk else len(text._WORD.findall(sample))
        assert text._count_words(sample) == want, sample


@given(
    st.text(alphabet="ab1_ \n-'é\u0301日本한\U0001f600\u200c٣ß", max_size=40), st.lists(st.integers(0, 40), max_size=6)
)
def test_words_counted_piece_by_piece_are_the_words_of_the_whole(value: str, cuts: list[int]) -> None:
    # A word cut in two by the end of a piece counts once; CJK characters count half, rounded once.
    ends = sorted({min(c, len(value)) for c in cuts})
    tally = text.WordTally()
    for i, j in zip([0, *ends], [*ends, len(value)], strict=True):
        tally.add(value[i:j])
    assert tally.total == text.word_count(value)
