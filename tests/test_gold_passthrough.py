"""Already-clean text survives: every dev gold article, cleaned, keeps >= 99% of its tokens.

The gold texts are articles with no page furniture. Content detection must leave them alone. The
phrase rules (conservative mode) may take out what the project counts as debris even where the
gold annotator kept it (a photo-credit line, say), so the test checks both: content detection keeps
>= 99% of what the phrase rules leave, and the whole default pipeline keeps >= 99% of the gold tokens
on all but the pages where a phrase rule alone already took more than 1%.
"""

from __future__ import annotations

from collections import Counter

import pytest
import regex
from material import DEV, dev_files

from cleaner import Config, Mode, clean_text

GOLD = dev_files("gold")
_TOKEN = regex.compile(r"\w+")


def retained(before: str, after: str) -> float:
    """Share of `before`'s tokens (with multiplicity, lower-cased) still in `after`."""
    b = Counter(_TOKEN.findall(before.lower()))
    a = Counter(_TOKEN.findall(after.lower()))
    total = sum(b.values())
    return sum(min(c, a[t]) for t, c in b.items()) / total if total else 1.0


def test_gold_texts_are_there() -> None:
    assert len(GOLD) >= 90, f"expected the 90 dev gold texts under {DEV}"


@pytest.mark.parametrize("mode", [Mode.DEFAULT, Mode.RECALL, Mode.PRECISION])
def test_content_detection_keeps_every_gold_text(mode: Mode) -> None:
    damaged = []
    for path in GOLD:
        gold = path.read_text(encoding="utf-8")
        phrase_only = clean_text(gold, Config(mode=Mode.CONSERVATIVE))
        cleaned = clean_text(gold, Config(mode=mode))
        share = retained(phrase_only, cleaned)
        overall = retained(gold, cleaned)
        if share < 0.99 or (overall < 0.99 and retained(gold, phrase_only) >= 0.99):
            damaged.append((round(share, 3), round(overall, 3), path.name))
    assert not damaged, f"gold texts losing more than 1% of their tokens in {mode} mode: {sorted(damaged)}"
