from __future__ import annotations

from pathlib import Path

import pytest
from material import FIXTURES


@pytest.fixture
def seeds_dir() -> Path:
    return FIXTURES / "seeds"
