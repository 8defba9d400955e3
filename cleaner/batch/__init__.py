"""Batch runs: one step per file (read, clean, check the safety valve, write), a process pool, a report.

No CLI imports: the CLI gives an `Options` and a list of tasks, and prints the `FileResult`s it gets
back, in task order whatever the number of workers. Workers receive paths, never contents, and
write their own outputs; only results (counts, messages, and a diff or text when asked for) come back.
"""

from __future__ import annotations

from cleaner.batch.explaining import explain
from cleaner.batch.options import Action, InputFormat, Options
from cleaner.batch.outputs import OutputClashes
from cleaner.batch.pool import Run, WorkerDied, default_jobs, run, stop_workers
from cleaner.batch.report import FileResult, Totals, write_report
from cleaner.batch.routing import RouteError, Stream, Tree, checked_encoding, route
from cleaner.batch.steps import process_stream
from cleaner.files import (
    DEFAULT_EXCLUDES,
    InputError,
    Selection,
    Terminated,
    check_writable,
    deferred,
    stop_signal,
    stops_outlive_finalisers,
)
from cleaner.html import HtmlMode

# The library's face to the CLI, and only that: the CLI imports this package, never cleaner.files,
# html or decoding, and the names here are the ones it uses (tests/test_facades.py). The rest of the
# library and the tests import a thing from the module that owns it (cleaner.batch.valve.clean_one).
__all__ = [
    "DEFAULT_EXCLUDES",
    "Action",
    "FileResult",
    "HtmlMode",
    "InputError",
    "InputFormat",
    "Options",
    "OutputClashes",
    "RouteError",
    "Run",
    "Selection",
    "Stream",
    "Terminated",
    "Totals",
    "Tree",
    "WorkerDied",
    "check_writable",
    "checked_encoding",
    "default_jobs",
    "deferred",
    "explain",
    "process_stream",
    "route",
    "run",
    "stop_signal",
    "stop_workers",
    "stops_outlive_finalisers",
    "write_report",
]
