"""Hypothesis strategies for pages made of real lines: windows of consecutive lines from the dev
pages of the shared bench (dev/ and cleaneval-dev/), or from the fixtures, with their ends
dressed in the spaces, invisible and control characters scrapers leave."""

from __future__ import annotations

from pathlib import Path

from hypothesis import strategies as st
from material import DEV, FIXTURES

# What one clean strips from a line's end (str.rstrip and the zero-width characters), and control
# characters it keeps.
TRAILING = " \t\x0b\x0c\x1c\x1d\x1e\x1f\x85\u00a0\u1680\u2000\u2005\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
CONTROL = "\x01\x07\x1b\x7f"


def _pages(paths: list[Path]) -> list[list[str]]:
    pages = [p.read_text(encoding="utf-8").split("\n") for p in paths]
    return [page for page in pages if len(page) > 1]


def dev_pages() -> list[list[str]]:
    bench = DEV.parent
    return _pages(
        sorted((bench / "dev" / "raw").glob("*.txt")) + sorted((bench / "cleaneval-dev" / "raw").glob("*.txt"))
    )


def fixture_pages() -> list[list[str]]:
    return _pages(sorted(FIXTURES.rglob("*.txt")))


@st.composite
def dressed_page(draw: st.DrawFn, pages: list[list[str]]) -> str:
    """Up to 60 consecutive lines of one page, some with a few odd characters added at their end."""
    page = draw(st.sampled_from(pages))
    start = draw(st.integers(0, len(page) - 1))
    lines = page[start : start + draw(st.integers(1, 60))]
    ends = st.text(st.sampled_from(TRAILING + INVISIBLE + CONTROL), max_size=3)
    dressed = [line + draw(ends) if draw(st.booleans()) else line for line in lines]
    return "\n".join(dressed) + draw(st.sampled_from(["", "\n"]))
