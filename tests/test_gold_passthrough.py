"""Already-clean text survives: every gold text of both dev sets, cleaned, keeps >= 99% of its tokens.

The gold texts hold no page furniture: news articles (`dev`), and pages of every kind with all their
textual content, link lists and directories included (`cleaneval-dev`). Content detection must leave
them alone, page by page. The phrase rules (conservative mode) may take out what the project counts
as debris even where an annotator kept it (CleanEval keeps reader comments and "Posted by" lines,
which the comment and byline rules remove by design), so on each page the test checks: content
detection keeps >= 99% of what the phrase rules leave, and the whole default pipeline keeps >= 99%
of the gold tokens unless the phrase rules alone already took more than 1%.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import regex
from material import SHARED

from cleaner import Config, Mode, clean_text

SETS = ("dev", "cleaneval-dev")
_TOKEN = regex.compile(r"\w+")


def retained(before: str, after: str) -> float:
    """Share of `before`'s tokens (with multiplicity, lower-cased) still in `after`."""
    b = Counter(_TOKEN.findall(before.lower()))
    a = Counter(_TOKEN.findall(after.lower()))
    total = sum(b.values())
    return sum(min(c, a[t]) for t, c in b.items()) / total if total else 1.0


def gold_texts(name: str) -> list[Path]:
    return sorted((SHARED / "bench" / name / "gold").glob("*.txt"))


def damaged(paths: list[Path], mode: Mode) -> list[tuple[float, float, str]]:
    out = []
    for path in paths:
        gold = path.read_text(encoding="utf-8")
        cleaned = clean_text(gold, Config(mode=mode))
        overall = retained(gold, cleaned)
        if overall >= 0.99:
            continue  # the phrase-rule pass is only needed where the page lost something
        phrase_only = clean_text(gold, Config(mode=Mode.CONSERVATIVE))
        share = retained(phrase_only, cleaned)
        if share < 0.99 or retained(gold, phrase_only) >= 0.99:
            out.append((round(share, 3), round(overall, 3), path.name))
    return out


# Gold texts that content detection still damages, per set: the target is none (issue 12). Of the
# CleanEval gold texts, two hold reader comments (CD002), and nine show what the rules take for
# furniture (debris the phrase rules know, a long run of short items), so CD001 cuts and drops part
# of their lists (docs/quality.md lists them); this count may only go down.
STILL_DAMAGED = {"dev": 0, "cleaneval-dev": 11}


@pytest.mark.parametrize("name", SETS)
def test_every_gold_text_keeps_its_tokens_in_default_mode(name: str) -> None:
    paths = gold_texts(name)
    if not paths:
        pytest.skip(f"no gold texts under {SHARED / 'bench' / name} (the shared bench is not beside the repository)")
    found = damaged(paths, Mode.DEFAULT)
    assert len(found) <= STILL_DAMAGED[name], f"{name}: gold texts losing more than 1% of their tokens: {sorted(found)}"


@pytest.mark.parametrize("mode", [Mode.RECALL, Mode.PRECISION])
def test_news_gold_texts_keep_their_tokens_in_every_mode(mode: Mode) -> None:
    paths = gold_texts("dev")
    if not paths:
        pytest.skip(f"no gold texts under {SHARED / 'bench' / 'dev'} (the shared bench is not beside the repository)")
    found = damaged(paths, mode)
    assert not found, f"gold texts losing more than 1% of their tokens in {mode} mode: {sorted(found)}"
