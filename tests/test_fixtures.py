"""Every raw/expected pair under fixtures/ is cleaned exactly (with the case's own settings, if it
has a `<case>.toml`), and a second pass changes nothing; negative cases are named so (fixtures/README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import clean_text
from cleaner.config import Config
from cleaner.settings import load_file

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
    config = case_config(raw)
    cleaned = clean_text(raw.read_text(encoding="utf-8"), config)
    assert cleaned == expected
    assert clean_text(cleaned, config) == cleaned, "not idempotent: a second pass changed the output"


def case_config(raw: Path) -> Config:
    """The case's settings: its `<case>.toml` (the keys of cleaner.toml), else the defaults."""
    sidecar = raw.with_name(raw.name.replace(".raw.txt", ".toml"))
    return load_file(sidecar).config if sidecar.exists() else Config()


def test_negative_cases_and_only_they_are_named_negative() -> None:
    # A negative case is one the cleaner must leave exactly as it is.
    misnamed = [
        str(raw.relative_to(FIXTURES))
        for raw in PAIRS
        if (raw.read_bytes() == _expected(raw).read_bytes()) != raw.name.startswith("negative_")
    ]
    assert not misnamed


def test_every_case_config_belongs_to_a_case_and_changes_its_output() -> None:
    sidecars = sorted(FIXTURES.rglob("*.toml"))
    assert sidecars
    for sidecar in sidecars:
        raw = sidecar.with_name(sidecar.name.replace(".toml", ".raw.txt"))
        assert raw.exists(), sidecar
        text = raw.read_text(encoding="utf-8")
        assert clean_text(text, case_config(raw)) != clean_text(text), f"{sidecar} changes nothing"
