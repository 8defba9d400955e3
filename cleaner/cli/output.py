"""What a run shows: results on stdout, messages on stderr, diffs, the progress bar, the summary."""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import partial
from typing import IO, TYPE_CHECKING, Any, NoReturn

import typer

from cleaner import batch
from cleaner.cli.app import EXIT_BROKEN_PIPE, EXIT_ERROR
from cleaner.registry import all_rules

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress


def fail(message: str) -> NoReturn:
    _echo(f"error: {message}", err=True)
    raise typer.Exit(EXIT_ERROR)


def _printable(text: str) -> str:
    """A file name that is not UTF-8 holds its undecodable bytes as surrogates, which no stream can
    encode: they are shown as U+FFFD (the report keeps them exactly)."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _echo(message: str, err: bool = False, nl: bool = True) -> None:
    """A line that may hold a file name that is not UTF-8 (its bytes are held as surrogates): written
    as those bytes, whatever the locale's encoding of stdout would make of them."""
    typer.echo(message.encode("utf-8", "surrogateescape"), err=err, nl=nl)


def _wants_color(flag: bool | None, stream: IO[str]) -> bool:
    """--color or --no-color when given; else colour on a terminal, unless NO_COLOR is set (no-color.org)."""
    if flag is not None:
        return flag
    return not os.environ.get("NO_COLOR") and stream.isatty()


_DIFF_STYLES = (
    ("+++", {"bold": True}),
    ("---", {"bold": True}),
    ("@@", {"fg": "cyan"}),
    ("+", {"fg": "green"}),
    ("-", {"fg": "red"}),
)


class Screen:
    """Where a run's output goes: results to stdout, messages to stderr. A progress bar, when one
    is drawn, is cleared before anything is written to the terminal it is drawn on, and drawn again
    below: no frozen bar is left in the scrollback."""

    def __init__(self, color: bool | None = None, verbose: bool = False) -> None:
        self.color_out = _wants_color(color, sys.stdout)
        self.color_err = _wants_color(color, sys.stderr)
        self.verbose = verbose
        self._bar: Progress | None = None

    def console(self) -> Console:
        from rich.console import Console

        # Without colour, no styles at all (no bold or italic either): plain text.
        if not self.color_err:
            return Console(stderr=True, highlight=False, color_system=None)
        return Console(stderr=True, highlight=False, force_terminal=True)

    @contextmanager
    def _cleared(self, stream: IO[str]) -> Iterator[None]:
        bar = self._bar
        if bar is None or not (stream is sys.stderr or stream.isatty()):
            yield
            return
        bar.stop()  # transient: this erases it
        try:
            yield
        finally:
            bar.start()

    def line(self, text: str, **style: Any) -> None:
        text = _printable(text)
        with self._cleared(sys.stdout):
            typer.echo(typer.style(text, **style) if style and self.color_out else text, color=self.color_out)

    def message(self, text: str, **style: Any) -> None:
        text = _printable(text)
        with self._cleared(sys.stderr):
            typer.echo(typer.style(text, **style) if style and self.color_err else text, err=True, color=self.color_err)

    def write(self, text: str) -> None:
        text = _printable(text)
        with self._cleared(sys.stdout):
            sys.stdout.write(text)
            sys.stdout.flush()

    def diff(self, text: str) -> None:
        if self.color_out:
            text = "".join(_styled_diff_line(line) for line in text.splitlines(keepends=True))
        self.write(text)

    @contextmanager
    def progress(self, total: int, show: bool) -> Iterator[Callable[[], None]]:
        """A function to call as each file is done: it moves a bar on stderr, when `show` and stderr is a terminal."""
        if not show or not sys.stderr.isatty():
            yield _nothing
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        # No redirection of stdout and stderr: every write goes through `_cleared` instead (a redirected
        # stdout would land on stderr's console).
        bar = Progress(*columns, console=self.console(), transient=True, redirect_stdout=False, redirect_stderr=False)
        with bar:
            task = bar.add_task("cleaning", total=total)
            self._bar = bar
            try:
                yield partial(bar.advance, task)
            finally:
                self._bar = None


def _nothing() -> None:
    return None


def _styled_diff_line(line: str) -> str:
    for start, style in _DIFF_STYLES:
        if line.startswith(start):
            return typer.style(line.rstrip("\n"), **style) + "\n" * line.endswith("\n")
    return line


def verbose_line(res: batch.FileResult, names: Mapping[str, str]) -> str:
    """What -v says of a file: which rules removed how many of its lines."""
    if res.refused:
        return f"{res.source}: left unchanged (--max-removal)"
    if res.removed:
        lines = sum(res.removed.values())
        rules = ", ".join(
            f"{rid} {names[rid]} ({n})" if rid in names else f"{rid} ({n})" for rid, n in res.removed.items()
        )
        return f"{res.source}: {lines} line(s) removed by {rules}"
    return f"{res.source}: {'changed, no line removed' if res.changed else 'nothing removed'}"


def rule_names(options: batch.Options) -> dict[str, str]:
    return {r.id: r.name for r in all_rules(options.config)}


def refuse_clashes(clashes: list[tuple[str, list[str]]]) -> None:
    """Stop before anything is written if two inputs would write one output file."""
    for out, sources in clashes:
        every = "both" if len(sources) == 2 else "all"
        _echo(f"error: {' and '.join(sources)} would {every} be written to {out}", err=True)
    if clashes:
        fail(
            f"{len(clashes)} output name(s) taken by more than one input; nothing was written "
            "(clean the folders into separate outputs, or rename the inputs)"
        )


def print_result(res: batch.FileResult, options: batch.Options, screen: Screen, names: Mapping[str, str]) -> None:
    if res.error is not None:
        screen.message(f"error: {res.error}", fg="red")
        return
    for warning in res.warnings:
        screen.message(f"warning: {warning}", fg="yellow")
    if screen.verbose:
        screen.message(verbose_line(res, names))
    if res.changed and options.action is batch.Action.FIX:
        screen.line(f"Fixing {res.source}")
    elif res.changed and options.action is batch.Action.CHECK and not options.diff:
        screen.line(f"Would fix {res.source}")
    if res.diff:
        screen.diff(res.diff)
    if res.text is not None:
        screen.write(res.text)


def stdout_closed(message: str) -> NoReturn:
    """The reader of stdout went away (`cleaner ... | head`): one line, and no error when Python
    flushes stdout on exit."""
    with contextlib.suppress(OSError, ValueError):  # ValueError: a stdout with no file (a test's)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    with contextlib.suppress(OSError):
        typer.echo(f"stdout closed (broken pipe): {message}", err=True)
    raise typer.Exit(EXIT_BROKEN_PIPE)


def print_summary(totals: batch.Totals, options: batch.Options, screen: Screen) -> None:
    from rich.table import Table
    from rich.text import Text

    changed = {batch.Action.CLEAN: "files changed by cleaning", batch.Action.FIX: "files fixed"}
    table = Table(title=f"cleaner {options.action}", title_justify="left", show_header=False, box=None)
    table.add_column(style="bold")
    table.add_column(justify="right", max_width=64)
    table.add_row("files", f"{totals.files:,}")
    table.add_row(changed.get(options.action, "files that would change"), f"{totals.changed:,}")
    if totals.refused:
        table.add_row("left unchanged (--max-removal)", f"{totals.refused:,}")
    if totals.errors:
        table.add_row("errors", f"{totals.errors:,}")
    if totals.warnings:
        table.add_row("warnings", f"{totals.warnings:,}")
    table.add_row("bytes in", f"{totals.bytes_in:,}")
    table.add_row("bytes out", f"{totals.bytes_out:,}")
    table.add_row("lines removed", f"{sum(totals.removed.values()):,}")
    if totals.removed:
        by_rule = ", ".join(f"{rid}={n:,}" for rid, n in sorted(totals.removed.items()))
        table.add_row("  by rule", Text(by_rule, justify="left"))
    screen.console().print(table)
