"""Files that each do one job stay short (issue 16): no module of `cleaner/` is over 350 lines,
unless it is one cohesive table of data (such as the rules' notes), named in DATA_TABLES."""

from __future__ import annotations

from material import ROOT

LIMIT = 350
PACKAGE = ROOT / "cleaner"
DATA_TABLES = {"cleaner/rules/notes.py"}
"""Modules that are one cohesive table of data: their length is the table's."""


def _lengths() -> dict[str, int]:
    return {
        p.relative_to(ROOT).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
        for p in sorted(PACKAGE.rglob("*.py"))
    }


def test_every_module_is_counted() -> None:
    # The walk finds the package, its subpackages and the exceptions: otherwise the check passes on nothing.
    lengths = _lengths()
    assert len(lengths) > 50
    assert {"cleaner/jsonl.py", "cleaner/rules/content.py", "cleaner/batch/steps.py", "cleaner/cli/run.py"} <= set(
        lengths
    )
    assert set(lengths) >= DATA_TABLES, "an exception names a module that is gone: drop it"


def test_no_module_of_cleaner_is_over_the_limit() -> None:
    long = {rel: n for rel, n in _lengths().items() if n > LIMIT and rel not in DATA_TABLES}
    assert not long, f"over {LIMIT} lines: {long} (split by job, see issue 16)"
