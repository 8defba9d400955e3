"""Batch runs: one step per file (read, clean, check the safety valve, write), a process pool, a report.

No CLI imports: the CLI gives an `Options` and a list of tasks, and prints the `FileResult`s it gets
back, in task order whatever the number of workers. Workers receive paths, never contents, and
write their own outputs; only results (counts, messages, and a diff or text when asked for) come back.
"""

from __future__ import annotations

from cleaner.batch.explaining import explain
from cleaner.batch.options import Action, InputFormat, Options
from cleaner.batch.outputs import OutputClashes, destination, format_of, html_output_name
from cleaner.batch.pool import MAX_CHUNK, Run, WorkerDied, ctrl_c_held, default_jobs, run, stop_workers
from cleaner.batch.records import CHUNKS_IN_FLIGHT
from cleaner.batch.report import FileResult, Totals, write_report
from cleaner.batch.routing import STDIN, RouteError, Stream, Tree, checked_encoding, format_by_name, route
from cleaner.batch.steps import HANDLERS, Handler, clean_html, process, process_stream, unified_diff
from cleaner.batch.valve import Outcome, clean_one
from cleaner.files import (
    DEFAULT_EXCLUDES,
    InputError,
    Selection,
    Task,
    Terminated,
    check_writable,
    deferred,
    signals_held,
    stop_signal,
)
from cleaner.html import HtmlMode

# The library's face to the CLI: it imports this package, never cleaner.files, html or decoding.
__all__ = [
    "CHUNKS_IN_FLIGHT",
    "DEFAULT_EXCLUDES",
    "HANDLERS",
    "MAX_CHUNK",
    "STDIN",
    "Action",
    "FileResult",
    "Handler",
    "HtmlMode",
    "InputError",
    "InputFormat",
    "Options",
    "Outcome",
    "OutputClashes",
    "RouteError",
    "Run",
    "Selection",
    "Stream",
    "Task",
    "Terminated",
    "Totals",
    "Tree",
    "WorkerDied",
    "check_writable",
    "checked_encoding",
    "clean_html",
    "clean_one",
    "ctrl_c_held",
    "default_jobs",
    "deferred",
    "destination",
    "explain",
    "format_by_name",
    "format_of",
    "html_output_name",
    "process",
    "process_stream",
    "route",
    "run",
    "signals_held",
    "stop_signal",
    "stop_workers",
    "unified_diff",
    "write_report",
]
