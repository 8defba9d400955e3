"""Idempotence at the edges (issue 18 item 5): one clean reaches the fixed point. Whatever a clean
strips from a line's end (Unicode spaces, zero-width characters, \\x1c-\\x1f) is stripped before the
rules judge the line, so a second clean finds nothing new."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from material import needs_bench
from pages import INVISIBLE, TRAILING, dev_pages, dressed_page, fixture_pages

from cleaner.config import Config, Mode
from cleaner.pipeline import clean_and_explain, clean_text

_ENDS = sorted(set(TRAILING + INVISIBLE) - {"\n"})


@pytest.mark.parametrize("end", _ENDS, ids=[f"U+{ord(c):04X}" for c in _ENDS])
def test_a_date_line_with_an_odd_end_goes_in_the_first_clean(end: str) -> None:
    once = clean_text("November 19, 2019" + end)
    assert once == ""  # a date line alone: NV007 takes it, whatever follows it
    assert clean_text(once) == once


@pytest.mark.parametrize(
    "line", ["Advertisement", "Share this:", "Related Posts", "Read more", "Tags: drought, water", "Photo: AP"]
)
@pytest.mark.parametrize("end", ["\x1c", "\x1d", "\x1e", "\x1f", "\u200b", "\u2009 \u200b", "\u3000"])
def test_a_label_with_an_odd_end_goes_in_the_first_clean(line: str, end: str) -> None:
    text = "The story starts here, and it goes on for a while before it ends.\n" + line + end + "\n"
    once = clean_and_explain(text)
    assert once.text == "The story starts here, and it goes on for a while before it ends.\n"
    assert clean_text(once.text) == once.text


def test_a_line_of_invisible_characters_is_blank_for_the_rules() -> None:
    text = "Mayor resigns\n\u200b\u2009\nNovember 19, 2019\nThe mayor resigned on Tuesday after a week of protests.\n"
    once = clean_text(text)
    assert "November" not in once
    assert clean_text(once) == once


_SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@needs_bench
@_SETTINGS
@given(st.data(), st.sampled_from(list(Mode)))
def test_one_clean_of_dev_lines_with_odd_ends_reaches_the_fixed_point(data: st.DataObject, mode: Mode) -> None:
    text = data.draw(dressed_page(_DEV_PAGES))
    config = Config(mode=mode)
    once = clean_text(text, config)
    assert clean_text(once, config) == once


@_SETTINGS
@given(st.data(), st.sampled_from(list(Mode)))
def test_one_clean_of_fixture_lines_with_odd_ends_reaches_the_fixed_point(data: st.DataObject, mode: Mode) -> None:
    text = data.draw(dressed_page(_FIXTURE_PAGES))
    config = Config(mode=mode)
    once = clean_text(text, config)
    assert clean_text(once, config) == once


_DEV_PAGES = dev_pages()
_FIXTURE_PAGES = fixture_pages()
