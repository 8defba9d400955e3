"""Content detection keeps what it selected: run on its own selection (cleaning repeats passes until
one changes nothing), it removes nothing more. travel.state.gov's table of countries (CleanEval 182)
was cut at a new place by each pass once selection bridged every gap inside the article."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from material import ROOT, SHARED

from cleaner import Config, clean_text
from cleaner.content import view
from cleaner.content.select import SELECTIONS, article, choose, select
from cleaner.pipeline import run_until

_TABLE_PAGE = SHARED / "bench" / "cleaneval-dev" / "raw" / "182.txt"
needs_table_page = pytest.mark.skipif(
    not _TABLE_PAGE.is_file(), reason="CleanEval dev page 182 of ../shared/bench is not here"
)
# Every gap between article lines bridged, whatever its length and scores.
_WIDE = replace(SELECTIONS["default"], gap_threshold=0.0, max_gap=None)


def _page() -> tuple[list[str], list[bool]]:
    v = view(run_until(_TABLE_PAGE.read_text(encoding="utf-8"), Config(), "CD001"))
    return v.texts, v.barrier


def _reselected(texts: list[str], barrier: list[bool], keep: list[bool]) -> list[bool] | None:
    kept = [i for i, k in enumerate(keep) if k]
    return select([texts[i] for i in kept], [barrier[i] for i in kept], _WIDE)


@needs_table_page
def test_one_selection_of_a_table_page_is_cut_again_by_the_next() -> None:
    texts, barrier = _page()
    first = select(texts, barrier, _WIDE)
    assert first is not None
    again = _reselected(texts, barrier, first)
    assert again is not None and not all(again)  # the instability `article` guards against


@needs_table_page
def test_a_selection_that_falls_apart_when_reselected_leaves_the_page_alone() -> None:
    texts, barrier = _page()
    first = select(texts, barrier, _WIDE)
    assert first is not None
    # Reselected until nothing changes, the table falls to a quarter of the first selection: too
    # little to believe, so the page is left to the phrase rules (and keeps its table).
    assert article(texts, barrier, _WIDE) is None


@pytest.mark.parametrize(
    "page", sorted((ROOT / "fixtures" / "content").glob("*.raw.txt")), ids=lambda p: p.name[: -len(".raw.txt")]
)
@pytest.mark.parametrize("sel", ["default", "precision", "recall", "wide"])
def test_a_selection_of_a_content_fixture_is_kept_whole_when_selected_again(page: Path, sel: str) -> None:
    selection = _WIDE if sel == "wide" else SELECTIONS[sel]
    v = view(run_until(page.read_text(encoding="utf-8"), Config(), "CD001"))
    keep = article(v.texts, v.barrier, selection)
    if keep is None:
        return
    kept = [i for i, k in enumerate(keep) if k]
    again = select([v.texts[i] for i in kept], [v.barrier[i] for i in kept], selection)
    assert again is None or all(again)


def test_default_mode_bridges_every_gap_inside_the_article() -> None:
    # Ten lines the model doubts (a table's cells, a list) between two article paragraphs.
    probs = [0.02, 0.9, *[0.01] * 10, 0.8, 0.02]
    weights = [10.0, 300.0, *[8.0] * 10, 250.0, 10.0]
    assert choose(probs, SELECTIONS["default"], weights) == [False, *[True] * 12, False]


@needs_table_page
def test_default_mode_keeps_the_table_of_a_page_whose_selection_falls_apart() -> None:
    raw = _TABLE_PAGE.read_text(encoding="utf-8")
    once = clean_text(raw)
    for cell in ("Algeria", "Uzbekistan", "Yemen", "Anyone staying more than 15 days"):
        assert cell in once
    assert clean_text(once) == once
