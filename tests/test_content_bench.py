"""The dev pages as a regression guard: cleaning them is idempotent, and quality stays near the
figures recorded in docs/quality.md (the targets themselves are measured by `make bench-quality`)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from material import DEV, SHARED, dev_files, needs_bench

from cleaner import Config, Mode, clean_and_explain, clean_text
from cleaner.document import strip_end

pytestmark = needs_bench

RAW = dev_files("raw")


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_bench_score", SHARED / "bench" / "score.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def cleaned() -> dict[str, str]:
    assert len(RAW) >= 90, f"expected the 90 dev pages under {DEV}"
    return {p.stem: clean_text(p.read_text(encoding="utf-8")) for p in RAW}


def test_cleaning_the_dev_pages_is_idempotent(cleaned: dict[str, str]) -> None:
    changed = [pid for pid, text in cleaned.items() if clean_text(text) != text]
    assert not changed, f"a second pass changed {len(changed)} page(s): {changed[:5]}"


@pytest.mark.parametrize("mode", [Mode.PRECISION, Mode.RECALL, Mode.CONSERVATIVE])
def test_cleaning_the_dev_pages_is_idempotent_in_every_mode(mode: Mode) -> None:
    # Recall mode once kept menu lines beside the article that a second pass, no longer seeing
    # the menus around them, removed; the pipeline now cleans its own output until it is stable.
    config = Config(mode=mode)
    once = {p.stem: clean_text(p.read_text(encoding="utf-8"), config) for p in RAW}
    changed = [pid for pid, text in once.items() if clean_text(text, config) != text]
    assert not changed, f"a second pass changed {len(changed)} page(s) in {mode.value} mode: {changed[:5]}"


def test_removals_of_later_passes_name_the_input_lines() -> None:
    # Every removed line is reported under its own number in the input, whichever pass removed it.
    checked = 0
    for path in RAW:
        raw = path.read_text(encoding="utf-8")
        lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        for removal in clean_and_explain(raw, Config(mode=Mode.RECALL)).removals:
            if removal.rule_id.startswith("CD"):
                # The line as the rules judged it: without the spaces and invisible characters at its end.
                assert removal.text.split("\n")[0] == strip_end(lines[removal.first_line - 1]), (path.name, removal)
                checked += 1
    assert checked > 1000


def test_default_mode_quality_on_the_dev_pages(cleaned: dict[str, str], tmp_path: Path) -> None:
    for pid, text in cleaned.items():
        (tmp_path / f"{pid}.txt").write_text(text, encoding="utf-8")
    summary = _scorer().score_dir(tmp_path, DEV)["splits"]["all"]
    assert summary["n_empty"] == 0
    assert summary["recall"] >= 0.98, summary
    assert summary["f1"] >= 0.95, summary
