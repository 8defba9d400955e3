"""Where the tests' material is: the project's fixtures, and the dev pages of the shared bench,
which sits beside the repository in a clone (and beside a nearer ancestor in a git worktree)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SHARED = next((d / "shared" for d in ROOT.parents if (d / "shared" / "bench").is_dir()), ROOT.parent / "shared")
DEV = SHARED / "bench" / "dev"


HAVE_BENCH = DEV.is_dir()
if not HAVE_BENCH and os.environ.get("CLEANER_REQUIRE_BENCH"):
    # CI has the bench beside its clone: a path that stopped finding it must fail there, not skip.
    raise RuntimeError(f"CLEANER_REQUIRE_BENCH is set but the shared bench is missing: {DEV}")

needs_bench = pytest.mark.skipif(not HAVE_BENCH, reason="needs the shared bench (../shared/bench/dev), absent here")
"""For a test that measures on the dev pages: a user's clone has no ../shared beside it."""


def dev_files(kind: str) -> list[Path]:
    """The dev pages' `kind` files (raw, gold), sorted; none where the shared bench is absent."""
    return sorted((DEV / kind).glob("*.txt"))
