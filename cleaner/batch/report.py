"""The result of one file, the totals of a run, and the JSON report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from cleaner.batch.valve import Outcome
from cleaner.files import atomic_write


@dataclass
class FileResult:
    source: str
    output: str | None = None
    bytes_in: int = 0
    bytes_out: int = 0
    removed: dict[str, int] = field(default_factory=dict)
    """Input lines removed, per rule id."""
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    changed: bool = False
    """The cleaned text differs from the input (for `fix`: the file was rewritten)."""
    refused: bool = False
    """The safety valve left the file unchanged."""
    diff: str = ""
    text: str | None = None
    skipped: bool = False
    """Discovery could not take this path (see Task.skip): not counted as a file."""
    incomplete: bool = False
    """The input broke off (a gzip cut short): what `output` holds is only the part before the break."""

    def as_report(self) -> dict[str, Any]:
        return {
            "path": self.source,
            "output": self.output,
            "bytes_in": self.bytes_in,
            "bytes_out": self.bytes_out,
            "changed": self.changed,
            "lines_removed": self.removed,
            "warnings": self.warnings,
            "error": self.error,
            "incomplete": self.incomplete,
        }


@dataclass(frozen=True)
class Tally:
    """What cleaning one input did, in numbers: the same for a text, a page and a corpus."""

    bytes_in: int = 0
    bytes_out: int = 0
    removed: dict[str, int] = field(default_factory=dict)
    """Input lines removed, per rule id."""
    changed: bool = False
    refused: bool = False

    @classmethod
    def of_text(cls, before: str, outcome: Outcome) -> Tally:
        """A text (or a page's text) cleaned into `outcome`."""
        return cls(
            len(before.encode("utf-8")),
            len(outcome.text.encode("utf-8")),
            outcome.removed,
            outcome.text != before,
            outcome.refused,
        )


def file_result(
    source: str | PurePath,
    tally: Tally | None = None,
    *,
    warnings: Iterable[str] = (),
    error: str | None = None,
    skipped: bool = False,
    output: PurePath | None = None,
) -> FileResult:
    """The one place a FileResult is made: for a file or a stream cleaned (its `tally`), passed over
    (`skipped`, with a warning or an error), or that could not be processed (`error`)."""
    done = tally or Tally()
    return FileResult(
        source=str(source),
        output=str(output) if output is not None else None,
        bytes_in=done.bytes_in,
        bytes_out=done.bytes_out,
        removed=done.removed,
        warnings=list(warnings),
        error=error,
        changed=done.changed,
        refused=done.refused,
        skipped=skipped,
    )


@dataclass
class Totals:
    files: int = 0
    changed: int = 0
    refused: int = 0
    errors: int = 0
    warnings: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    removed: Counter[str] = field(default_factory=Counter)

    def add(self, res: FileResult) -> None:
        self.files += not res.skipped
        self.changed += res.changed
        self.refused += res.refused
        self.errors += res.error is not None
        self.warnings += len(res.warnings)
        self.bytes_in += res.bytes_in
        self.bytes_out += res.bytes_out
        self.removed.update(res.removed)

    def as_report(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "changed": self.changed,
            "left_unchanged_by_max_removal": self.refused,
            "errors": self.errors,
            "warnings": self.warnings,
            "bytes_in": self.bytes_in,
            "bytes_out": self.bytes_out,
            "lines_removed": dict(sorted(self.removed.items())),
        }


def write_report(path: Path, results: Sequence[FileResult], totals: Totals) -> None:
    import json
    import re

    report = {"files": [r.as_report() for r in results], "totals": totals.as_report()}
    text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    # A file name that is not UTF-8 holds its undecodable bytes as lone surrogates, which only JSON
    # strings can hold: escaped, they stay valid JSON, and os.fsencode gives the bytes back.
    atomic_write(path, re.sub(r"[\ud800-\udfff]", lambda m: f"\\u{ord(m[0]):04x}", text))
