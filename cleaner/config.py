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


class UserRuleKind(StrEnum):
    LINE = "line"
    """Drop a whole line whose text (without bullets and pipes around it) matches a pattern."""
    INLINE = "inline"
    """Strip a marker wherever it appears inside a line; a line left empty goes too."""


@dataclass(frozen=True)
class UserRule:
    """A rule a user adds in the configuration. It runs in the phrase stage, before content detection,
    right after the built-in phrase rules of its kind (see cleaner.registry)."""

    id: str
    name: str
    kind: UserRuleKind
    patterns: tuple[str, ...]
    description: str = ""


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    keep_captions: bool = False
    mode: Mode = Mode.DEFAULT
    thresholds: dict[str, float] = field(default_factory=dict)
    rules: tuple[UserRule, ...] = ()
    """User rules from the configuration, in the order given."""
    max_removal: float = 0.98
    """Safety valve for batch runs: a file whose cleaning would remove more than this fraction of
    its words is left unchanged and reported. Not 0.9: real full-page dumps in the bench reach 96%
    debris by words (gold vs raw), and a valve that refuses correct work is worse than none."""
