"""Batch runs: one step per file (read, clean, check the safety valve, write), a process pool, a report.

No CLI imports: the CLI gives an `Options` and a list of tasks, and prints the `FileResult`s it gets
back, in task order whatever the number of workers. Workers receive paths, never contents, and
write their own outputs; only results (counts, messages, and a diff or text when asked for) come back.
"""

from __future__ import annotations

from cleaner.batch.options import Action, InputFormat, Options
from cleaner.batch.outputs import OutputClashes, destination, format_of, html_output_name
from cleaner.batch.pool import MAX_CHUNK, Run, WorkerDied, ctrl_c_held, default_jobs, run, stop_workers
from cleaner.batch.records import CHUNKS_IN_FLIGHT
from cleaner.batch.report import FileResult, Totals, write_report
from cleaner.batch.steps import HANDLERS, Handler, clean_html, process, process_stream, unified_diff
from cleaner.batch.valve import Outcome, clean_one
from cleaner.files import Task

__all__ = [
    "CHUNKS_IN_FLIGHT",
    "HANDLERS",
    "MAX_CHUNK",
    "Action",
    "FileResult",
    "Handler",
    "InputFormat",
    "Options",
    "Outcome",
    "OutputClashes",
    "Run",
    "Task",
    "Totals",
    "WorkerDied",
    "clean_html",
    "clean_one",
    "ctrl_c_held",
    "default_jobs",
    "destination",
    "format_of",
    "html_output_name",
    "process",
    "process_stream",
    "run",
    "stop_workers",
    "unified_diff",
    "write_report",
]
