"""Every raw/expected pair under fixtures/ is cleaned exactly, and a second pass changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import clean_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PAIRS = sorted(FIXTURES.rglob("*.raw.txt"))


def _expected(raw: Path) -> Path:
    return raw.with_name(raw.name.replace(".raw.txt", ".expected.txt"))


def test_fixture_folders_are_populated() -> None:
    assert len(PAIRS) >= 5
    orphans = [p for p in PAIRS if not _expected(p).exists()]
    assert not orphans, f"raw fixtures without an expected file: {orphans}"


@pytest.mark.parametrize("raw", PAIRS, ids=[str(p.relative_to(FIXTURES)) for p in PAIRS])
def test_fixture(raw: Path) -> None:
    expected = _expected(raw).read_text(encoding="utf-8")
    cleaned = clean_text(raw.read_text(encoding="utf-8"))
    assert cleaned == expected
    assert clean_text(cleaned) == cleaned, "not idempotent: a second pass changed the output"
