"""Files that each do one job stay short: no module of the rules, the registry, the settings or the
pipeline is over 350 lines (a module that is one table of data, such as the rules' notes, may be)."""

from __future__ import annotations

from material import ROOT

LIMIT = 350
DATA_TABLES = {"cleaner/rules/notes.py"}
"""Modules that are one cohesive table of data: their length is the table's."""


def test_rule_registry_settings_and_pipeline_modules_stay_under_the_limit() -> None:
    paths = [*ROOT.joinpath("cleaner", "rules").glob("*.py")]
    paths += [ROOT / "cleaner" / name for name in ("registry.py", "settings.py", "pipeline.py")]
    assert len(paths) > 10 and all(p.is_file() for p in paths)
    long = {
        rel: n
        for p in paths
        if (rel := p.relative_to(ROOT).as_posix()) not in DATA_TABLES
        and (n := len(p.read_text(encoding="utf-8").splitlines())) > LIMIT
    }
    assert not long, f"over {LIMIT} lines: {long} (split by job, see issue 16)"
