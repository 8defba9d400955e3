from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings
from material import FIXTURES

# CI (.ci/run) draws the same examples on every run: a fresh clone has no example database, and a red
# CI must be a change's doing, not the draw's. Elsewhere each run draws new examples.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("HYPOTHESIS_PROFILE"):
    settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])


@pytest.fixture
def seeds_dir() -> Path:
    return FIXTURES / "seeds"
