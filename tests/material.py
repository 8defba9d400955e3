"""Where the tests' material is: the project's fixtures, and the dev pages of the shared bench,
which sits beside the repository in a clone (and beside a nearer ancestor in a git worktree)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SHARED = next((d / "shared" for d in ROOT.parents if (d / "shared" / "bench").is_dir()), ROOT.parent / "shared")
DEV = SHARED / "bench" / "dev"


def dev_files(kind: str) -> list[Path]:
    """The dev pages' `kind` files (raw, gold), sorted; none where the shared bench is absent."""
    return sorted((DEV / kind).glob("*.txt"))
