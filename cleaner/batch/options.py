"""What a batch run is asked to do: the action, the input format, and the options every file shares."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from cleaner import jsonl
from cleaner.config import Config
from cleaner.html import HtmlMode


class InputFormat(StrEnum):
    """How input files are read; AUTO goes by name (.html/.htm, .jsonl/.jsonl.gz) and sniffs HTML content."""

    AUTO = "auto"
    TEXT = "text"
    HTML = "html"
    JSONL = "jsonl"


class Action(StrEnum):
    CLEAN = "clean"
    """Write the cleaned text to a mirrored tree under Options.output (or return it for stdout)."""
    FIX = "fix"
    """Rewrite changed files in place."""
    CHECK = "check"
    """Write nothing; say what would change."""


@dataclass(frozen=True)
class Options:
    """Everything a worker needs besides the file path; sent once to each worker."""

    action: Action
    config: Config = field(default_factory=Config)
    output: Path | None = None
    """For `clean`: the folder of the mirrored tree; None sends cleaned text back (for stdout)."""
    diff: bool = False
    """Send back a unified diff of the change."""
    input_format: InputFormat = InputFormat.AUTO
    encoding: str | None = None
    """Force this encoding instead of detecting one (see cleaner.decoding)."""
    text_key: str = jsonl.DEFAULT_TEXT_KEY
    """For JSONL: the field of each record that is cleaned."""
    html_mode: HtmlMode = HtmlMode.DEFAULT
    record_jobs: int = 1
    """For a run over one JSONL file: worker processes that share its records (set by `run`)."""
    settings_for: Callable[[Path], Config] | None = None
    """Each file's settings, from its own folders (cleaner.settings.PerFile); None: `config` for all.
    Picklable: workers look settings up themselves."""
