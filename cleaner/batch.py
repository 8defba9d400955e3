"""Batch runs: one step per file (read, clean, check the safety valve, write), a process pool, a report.

No CLI imports: the CLI gives an `Options` and a list of tasks, and prints the `FileResult`s it gets
back, in task order whatever the number of workers. Workers receive paths, never contents, and
write their own outputs; only results (counts, messages, and a diff or text when asked for) come back.
"""

from __future__ import annotations

import os
import signal
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from cleaner.config import Config
from cleaner.files import InputError, Task, atomic_write, read_text
from cleaner.pipeline import Explanation, clean_and_explain
from cleaner.text import word_count


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
        }


@dataclass(frozen=True)
class Outcome:
    """What cleaning one text gave, after the safety valve."""

    text: str
    removed: dict[str, int]
    warnings: list[str]
    refused: bool


def clean_one(text: str, config: Config, name: str) -> Outcome:
    """Clean `text`; if that would remove more than config.max_removal of its words, keep it as it is."""
    result = clean_and_explain(text, config)
    words_in = word_count(text)
    if words_in:
        share = 1 - word_count(result.text) / words_in
        if share > config.max_removal:
            warning = (
                f"{name}: cleaning would remove {share:.0%} of its words "
                f"(more than --max-removal {config.max_removal:g}); left unchanged"
            )
            return Outcome(text, {}, [warning], refused=True)
    return Outcome(result.text, _removed_lines(result), [], refused=False)


def _removed_lines(result: Explanation) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for r in result.removals:
        counts[r.rule_id] += r.last_line - r.first_line + 1
    return dict(sorted(counts.items()))


def destination(task: Task, options: Options) -> Path | None:
    """The one place output names are made: where the result of `task` is written, if anywhere."""
    if options.action is Action.FIX:
        return task.source
    if options.action is Action.CLEAN and options.output is not None:
        return options.output / task.relative
    return None


def _process_text(task: Task, options: Options) -> FileResult:
    text = read_text(task.source)
    outcome = clean_one(text, options.config, str(task.source))
    out = destination(task, options)
    res = FileResult(
        source=str(task.source),
        output=str(out) if out is not None else None,
        bytes_in=len(text.encode("utf-8")),
        bytes_out=len(outcome.text.encode("utf-8")),
        removed=outcome.removed,
        warnings=outcome.warnings,
        changed=outcome.text != text,
        refused=outcome.refused,
    )
    if options.diff and res.changed:
        res.diff = unified_diff(text, outcome.text, str(task.source))
    if options.action is Action.CLEAN and out is None:
        res.text = outcome.text
    elif out is not None and (options.action is Action.CLEAN or res.changed):
        atomic_write(out, outcome.text)
    return res


Handler = Callable[[Task, Options], FileResult]
"""Turns one input file into a FileResult (reading, cleaning, writing); one per input format."""

HANDLERS: dict[str, Handler] = {"text": _process_text}


def format_of(task: Task, options: Options) -> str:
    """Which handler takes `task`. Only plain text so far; HTML and JSONL get their own handlers."""
    return "text"


def process(task: Task, options: Options) -> FileResult:
    """The whole per-file step. A file that cannot be processed gives a result with `error` set."""
    try:
        return HANDLERS[format_of(task, options)](task, options)
    except InputError as err:
        return FileResult(source=str(task.source), error=str(err))
    except OSError as err:
        where = err.filename or task.source
        return FileResult(source=str(task.source), error=f"{where}: {err.strerror or err}")


def unified_diff(before: str, after: str, name: str) -> str:
    import difflib

    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"{name}", f"{name} (cleaned)"
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


# Set in each worker process by _init_worker, so options travel once per worker, not once per file.
_WORKER_OPTIONS: Options | None = None


def _init_worker(options: Options) -> None:
    global _WORKER_OPTIONS
    _WORKER_OPTIONS = options
    # Ctrl-C reaches the whole process group; workers finish the file in hand and the parent stops
    # handing out new ones, so every file ends up untouched or fully written.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _work(task: Task) -> FileResult:
    assert _WORKER_OPTIONS is not None
    return process(task, _WORKER_OPTIONS)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def run(tasks: Sequence[Task], options: Options, jobs: int = 1) -> Iterator[FileResult]:
    """Results of `process` for each task, in task order, with up to `jobs` worker processes."""
    workers = min(jobs, len(tasks))
    if workers <= 1:
        for task in tasks:
            yield process(task, options)
        return
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(options,))
    try:
        # Small chunks keep the progress bar moving and the workers evenly loaded.
        yield from pool.map(_work, tasks, chunksize=max(1, min(16, len(tasks) // (workers * 8))))
    finally:
        # On Ctrl-C: drop what has not started, let workers finish the files in hand.
        pool.shutdown(wait=True, cancel_futures=True)


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
        self.files += 1
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

    report = {"files": [r.as_report() for r in results], "totals": totals.as_report()}
    atomic_write(path, json.dumps(report, indent=2, ensure_ascii=False) + "\n")
