"""Running a command over its inputs: a tree of files through the batch pool, or one stream to stdout."""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import typer

from cleaner import batch
from cleaner.cli.app import EXIT_CHANGED, EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK
from cleaner.cli.configure import settings_of
from cleaner.cli.output import (
    Screen,
    fail,
    print_result,
    print_summary,
    refuse_clashes,
    rule_names,
    stdout_closed,
    verbose_line,
)

PROGRESS_MIN_FILES = 10
"""Fewer files than this finish before a progress bar would tell anything."""


def clean_stdin(options: batch.Options, screen: Screen, path: Path | None = None, name: str = "<stdin>") -> None:
    """stdin (or one JSONL file) to stdout: text, HTML (sniffed) or, with --format jsonl, a JSONL
    stream (gzip or not). `name` is stdin's name in messages."""
    try:
        if path is None:
            res = batch.process_stream(sys.stdin.buffer, sys.stdout.buffer, options, name)
        else:
            with path.open("rb") as handle:
                res = batch.process_stream(handle, sys.stdout.buffer, options, str(path))
        sys.stdout.buffer.flush()
    except batch.InputError as err:
        fail(str(err))
    except BrokenPipeError:
        stdout_closed("the output was cut short")
    except OSError as err:
        fail(f"{path}: {err.strerror or err}")
    for warning in res.warnings:
        screen.message(f"warning: {warning}", fg="yellow")
    if screen.verbose:
        screen.message(verbose_line(res, rule_names(options)))


def run_batch(
    tree: batch.Tree,
    selection: batch.Selection,
    options: batch.Options,
    jobs: int | None,
    report: Path | None,
    quiet: bool,
    screen: Screen,
) -> None:
    if report is not None:
        try:
            batch.check_writable(report)  # before the work, not after it
        except batch.InputError as err:
            fail(f"--report {err}")
    # Tasks are streamed (a list of millions of files would grow memory); a pass that only counts gives
    # the progress bar its total, and the count printed if the run is interrupted.
    total = 0
    results: list[batch.FileResult] = []  # kept for --report only: memory must not grow with the corpus
    totals = batch.Totals()
    names = rule_names(options) if screen.verbose else {}

    def show(res: batch.FileResult) -> None:
        print_result(res, options, screen, names)
        if report is not None:
            results.append(res)
        totals.add(res)

    run: batch.Run | None = None
    try:
        with _stop_signals():
            clashes = batch.OutputClashes(options)
            sources: set[Path | None] = set()
            for task in tree.tasks(selection):
                total += 1
                clashes.add(task)
                if options.settings_for is not None:
                    settings_of(task.source, options.settings_for, sources, screen)
            refuse_clashes(clashes.clashes(tree.tasks(selection)))
            run = batch.run(tree.tasks(selection), options, jobs or batch.default_jobs())
            with screen.progress(total, show=not quiet and total >= PROGRESS_MIN_FILES) as advance:

                def show_and_advance(res: batch.FileResult) -> None:
                    show(res)
                    advance()

                run.each(show_and_advance)  # a result is shown and counted whole, or left for `finish`
    except BrokenPipeError:
        _stop(run)  # the file in hand, not the chunk in hand
        stdout_closed(
            f"stopped after {totals.files} of {total} file(s) were reported; "
            "every file is either untouched or fully written"
        )
    except batch.Terminated as stop:
        _stop(run)
        screen.message(
            f"interrupted after {totals.files} of {total} file(s), each reported above; "
            "every file is either untouched or fully written",
        )
        raise typer.Exit(128 + stop.signum) from None
    except batch.WorkerDied as err:
        fail(f"{err}; stopped after {totals.files} of {total} file(s) were reported")
    except KeyboardInterrupt:
        try:
            # The files the workers had in hand are finished and written: they are reported too.
            if run is not None:
                run.finish(show)
        except KeyboardInterrupt:
            pass  # a second Ctrl-C: the workers dropped the files in hand, and what they wrote was shown
        screen.message(
            f"interrupted after {totals.files} of {total} file(s), each reported above; every other file is untouched",
        )
        raise typer.Exit(EXIT_INTERRUPTED) from None
    finally:
        if run is not None:
            run.close()
    if report is not None:
        try:
            batch.write_report(report, results, totals)
        except (batch.InputError, OSError) as err:
            fail(f"--report {report}: cannot write: {getattr(err, 'strerror', None) or err}")
    if not quiet:
        print_summary(totals, options, screen)
    raise typer.Exit(_exit_code(totals, options))


def _stop(run: batch.Run | None) -> None:
    if run is not None:
        run.stop()
    else:
        batch.stop_workers()


@contextlib.contextmanager
def _stop_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP stop a run as Ctrl-C does (batch.Terminated), and all three wait for the end
    of a write in progress (see batch.deferred). The handlers in place before come back after."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers
        return
    handler = batch.deferred(batch.stop_signal)
    before = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    restore_hook = batch.stops_outlive_finalisers()
    try:
        yield
    finally:
        restore_hook()
        for signum, previous in before.items():
            if previous is not None:
                signal.signal(signum, previous)


def _exit_code(totals: batch.Totals, options: batch.Options) -> int:
    if totals.errors:
        return EXIT_ERROR
    if options.action is batch.Action.FIX and totals.changed:
        return EXIT_CHANGED
    if options.action is batch.Action.CHECK and (totals.changed or totals.refused):
        return EXIT_CHANGED
    return EXIT_OK
