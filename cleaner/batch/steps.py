"""The per-file step for text and HTML (read, clean, valve, write), and the dispatch by format."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import IO

from cleaner import jsonl
from cleaner.batch.options import Action, InputFormat, Options
from cleaner.batch.outputs import destination, format_of
from cleaner.batch.records import RecordCleaner, process_jsonl
from cleaner.batch.report import FileResult, Tally, file_result
from cleaner.batch.valve import Outcome, clean_one
from cleaner.files import InputError, Task, atomic_write, decode_detailed, inside, read_bytes, read_decoded
from cleaner.html import clean_page, looks_like_html


def _process_text(task: Task, options: Options) -> FileResult:
    data, seen = read_bytes(task.source)
    decoded = decode_detailed(data, str(task.source), options.encoding)
    text = decoded.text
    if options.input_format is InputFormat.AUTO and looks_like_html(text):
        res = _process_page(task, options, text)
    else:
        outcome = clean_one(text, options.config, str(task.source))
        res = _finish(task, options, text, outcome, destination(task, options), seen)
    res.warnings = [*decoded.warnings, *res.warnings]
    return res


def _finish(
    task: Task, options: Options, before: str, outcome: Outcome, out: Path | None, seen: os.stat_result | None = None
) -> FileResult:
    res = file_result(task.source, Tally.of_text(before, outcome), warnings=outcome.warnings, output=out)
    if options.diff and res.changed:
        res.diff = unified_diff(before, outcome.text, str(task.source))
    if options.action is Action.CLEAN and out is None:
        res.text = outcome.text
    elif out is not None and (options.action is Action.CLEAN or res.changed):
        # In place, a file edited while it was being cleaned keeps the edit (and the run reports it).
        atomic_write(out, outcome.text, seen if options.action is Action.FIX else None)
    return res


def _process_html(task: Task, options: Options) -> FileResult:
    decoded = read_decoded(task.source, options.encoding)
    res = _process_page(task, options, decoded.text)
    res.warnings = [*decoded.warnings, *res.warnings]
    return res


def _process_page(task: Task, options: Options, html: str) -> FileResult:
    """A saved page: its main content (see cleaner.html), then the rules; written as `<name>.txt`."""
    if options.action is not Action.CLEAN:
        # fix/check rewrite files in place; turning a page into text in place would destroy it.
        skip = f"{task.source}: an HTML page is cleaned into text by `cleaner clean`, never in place; skipped"
        return file_result(task.source, warnings=[skip])
    outcome = clean_html(html, options, str(task.source))
    return _finish(task, options, html, outcome, destination(task, options))


def clean_html(html: str, options: Options, name: str) -> Outcome:
    outcome, warning = clean_page(
        html, options.config, lambda text, config: clean_one(text, config, name), options.html_mode
    )
    if warning is not None:
        return replace(outcome, warnings=[f"{name}: {warning}", *outcome.warnings])
    return outcome


def process_stream(source: IO[bytes], sink: IO[bytes], options: Options, name: str = "<stdin>") -> FileResult:
    """`cleaner clean -` (stdin to stdout), or one JSONL file to stdout. JSONL streams, so memory stays
    flat; text and HTML (sniffed) are read whole."""
    if options.input_format is InputFormat.JSONL:
        cleaner = RecordCleaner(options, name)
        try:
            report = jsonl.clean_stream(jsonl.readable(source), sink.write, cleaner, options.text_key, name)
        except jsonl.JsonlError as err:
            raise InputError(str(err)) from None
        return cleaner.result(name, report, options.text_key)
    decoded = decode_detailed(source.read(), name, options.encoding)
    text = decoded.text
    page = options.input_format is InputFormat.HTML
    if page or (options.input_format is InputFormat.AUTO and looks_like_html(text)):
        outcome = clean_html(text, options, name)
    else:
        outcome = clean_one(text, options.config, name)
    sink.write(outcome.text.encode("utf-8"))
    return file_result(name, Tally.of_text(text, outcome), warnings=[*decoded.warnings, *outcome.warnings])


Handler = Callable[[Task, Options], FileResult]
"""Turns one input file into a FileResult (reading, cleaning, writing); one per input format."""

HANDLERS: dict[str, Handler] = {"text": _process_text, "html": _process_html, "jsonl": process_jsonl}


def process(task: Task, options: Options) -> FileResult:
    """The whole per-file step. A file that cannot be processed gives a result with `error` set."""
    if task.skip is not None:
        if task.skip_is_error:
            return file_result(task.source, error=task.skip, skipped=True)
        return file_result(task.source, warnings=[task.skip], skipped=True)
    if options.action is Action.FIX and task.tree is not None:
        # Discovery took no link out of the tree; this catches a file turned into one since.
        real = os.path.realpath(task.source)
        if not inside(real, task.tree):
            return file_result(task.source, error=f"{task.source}: leads to {real}, outside the tree; left alone")
    try:
        if options.settings_for is not None:
            options = replace(options, config=options.settings_for(task.source))
        return HANDLERS[format_of(task, options)](task, options)
    except InputError as err:
        return file_result(task.source, error=str(err))
    except OSError as err:
        where = err.filename or task.source
        return file_result(task.source, error=f"{where}: {err.strerror or err}")
    except MemoryError:
        return file_result(task.source, error=f"{task.source}: too large to clean in the memory available")


def unified_diff(before: str, after: str, name: str) -> str:
    import difflib

    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"{name}", f"{name} (cleaned)"
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
