"""Where the shared material is: ../shared beside the repository (a clone), or beside the nearest
ancestor folder that has it (a git worktree nested deeper)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "bench").is_dir()), ROOT.parent / "shared")
BENCH = SHARED / "bench"
