"""The settings a cleaning run takes; loading them from files lives in cleaner.settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Mode(StrEnum):
    """How much the cleaner may remove beyond known debris phrases."""

    CONSERVATIVE = "conservative"
    """Only known debris (phrase and pattern rules): for hand-curated files and pre-commit hooks."""
    DEFAULT = "default"
    PRECISION = "precision"
    RECALL = "recall"


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    keep_captions: bool = False
    mode: Mode = Mode.DEFAULT
    thresholds: dict[str, float] = field(default_factory=dict)
