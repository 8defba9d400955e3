"""The `cleaner` command: a thin layer over the library (cleaner.batch does the per-file work)."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from enum import StrEnum
from functools import partial
from pathlib import Path, PurePath
from typing import IO, TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

from cleaner import __version__, batch, files, ruledoc, settings
from cleaner.config import Config, Mode
from cleaner.decoding import UnknownEncodingError, check_encoding
from cleaner.files import DEFAULT_EXCLUDES, InputError, Selection, Task, decode, discover, output_overlap, read_text
from cleaner.html import HtmlMode, clean_page, is_html_name, looks_like_html
from cleaner.pipeline import clean_and_explain
from cleaner.registry import all_rules

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

EXIT_OK, EXIT_CHANGED, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
EXIT_BROKEN_PIPE = 128 + signal.SIGPIPE
PROGRESS_MIN_FILES = 10
"""Fewer files than this finish before a progress bar would tell anything."""

EXIT_CODES_HELP = (
    "Exit codes: 0 nothing to do or success; 1 files changed (fix) or would change (check); "
    "2 usage error, bad configuration, or a file that could not be processed "
    "(every other file is still processed)."
)


def _plain_labels(params: list[Any]) -> list[Any]:
    """Help that labels values as black and ruff do (PATH, FILE, N): nothing after a flag, an
    argument named in capitals, never a Python type such as <bool> or <list[Path]>."""
    for param in params:
        if isinstance(param, TyperArgument):
            label = param.metavar or (param.name or "").upper()
            if param.nargs != 1 and not label.endswith("..."):
                label += "..."
            param.metavar = label
            usage = label if param.required else f"[{label}]"
            param.display_type_rich = _no_type  # type: ignore[method-assign]
            param._usage_display_name = partial(str, usage)  # type: ignore[method-assign]
        elif getattr(param, "is_flag", False) and param.metavar is None:
            param.metavar = ""
    return params


def _no_type(ctx: object) -> None:
    return None


class _Command(TyperCommand):
    def get_params(self, ctx: Any) -> list[Any]:
        return _plain_labels(super().get_params(ctx))


class _Group(TyperGroup):
    def get_params(self, ctx: Any) -> list[Any]:
        return _plain_labels(super().get_params(ctx))


app = typer.Typer(
    cls=_Group,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Strip scraper debris from article captures and keep every sentence of the article.\n\n" + EXIT_CODES_HELP,
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"cleaner {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """The options every command shares come before the command (`cleaner --version`)."""


PathsArg = Annotated[
    list[Path], typer.Argument(metavar="PATH", help="Files or folders (searched recursively with --glob).")
]
GlobOpt = Annotated[str, typer.Option("--glob", metavar="GLOBS", help="Which files to take from folders.")]
SelectOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--select",
        metavar="RULES",
        help="Only these rules (id, id prefix, name or family); replaces the configured list.",
    ),
]
IgnoreOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--ignore",
        metavar="RULES",
        help="Skip these rules (id, id prefix, name or family); replaces the configured list.",
    ),
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option(
        "--config",
        metavar="FILE",
        help="TOML settings file (default: \\[tool.cleaner] in the nearest pyproject.toml).",
        dir_okay=False,
    ),
]
ModeOpt = Annotated[
    Mode | None,
    typer.Option(
        "--mode",
        metavar="MODE",
        help="How much may go beyond known debris: conservative (only known debris), default, precision or recall.",
    ),
]
KeepCaptionsOpt = Annotated[bool | None, typer.Option("--keep-captions", help="Keep photo captions.")]
MaxRemovalOpt = Annotated[
    float | None,
    typer.Option(
        "--max-removal",
        metavar="FRACTION",
        min=0.0,
        max=1.0,
        help="Leave a file unchanged (with a warning) if cleaning would remove more than this fraction "
        "of its words \\[default: 0.98].",
    ),
]
JobsOpt = Annotated[
    int | None,
    typer.Option(
        "-j", "--jobs", metavar="N", min=1, help="Worker processes \\[default: all cores].", show_default=False
    ),
]
ReportOpt = Annotated[
    Path | None,
    typer.Option("--report", metavar="FILE", help="Write a JSON report: per file and totals.", dir_okay=False),
]
QuietOpt = Annotated[bool, typer.Option("-q", "--quiet", help="No progress bar and no summary.")]
DiffOpt = Annotated[bool, typer.Option("--diff", help="Print a unified diff of each change.")]
EncodingOpt = Annotated[
    str | None,
    typer.Option(
        "--encoding",
        metavar="CODEC",
        help="Read inputs in this encoding (default: by BOM, declared charset, UTF-8, then a guess).",
    ),
]
FormatOpt = Annotated[
    batch.InputFormat,
    typer.Option(
        "--format",
        metavar="[auto|text|html|jsonl]",
        help="Input format; auto goes by name (.html/.htm, .jsonl/.jsonl.gz) and sniffs HTML in other files.",
    ),
]
TextKeyOpt = Annotated[str, typer.Option("--text-key", metavar="KEY", help="JSONL: the field of each record to clean.")]
HtmlModeOpt = Annotated[
    HtmlMode,
    typer.Option(
        "--html-mode",
        metavar="MODE",
        help="HTML: trafilatura's trade-off for the main content: default, precision or recall.",
    ),
]
ExcludeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--exclude",
        metavar="PATTERNS",
        help="Leave out files and folders found in folders that match these gitignore-style patterns; "
        "replaces the default list (.git, .venv, node_modules, build, ...; see docs/inputs.md).",
        show_default=False,
    ),
]
ExtendExcludeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--extend-exclude",
        metavar="PATTERNS",
        help="Like --exclude, but added to the default list.",
        show_default=False,
    ),
]
ForceExcludeOpt = Annotated[
    bool | None,
    typer.Option(
        "--force-exclude",
        help="Apply the excludes to paths named on the command line too (pre-commit).",
        show_default=False,
    ),
]
GitignoreOpt = Annotated[
    bool | None,
    typer.Option(
        "--respect-gitignore/--no-respect-gitignore",
        help="Leave out what .gitignore files list \\[default: respect].",
        show_default=False,
    ),
]
ColorOpt = Annotated[
    bool | None,
    typer.Option(
        "--color/--no-color",
        help="Colour diffs, messages and the summary \\[default: on a terminal, unless NO_COLOR is set].",
        show_default=False,
    ),
]
VerboseOpt = Annotated[
    bool, typer.Option("-v", "--verbose", help="Name every file, with the rules that removed lines from it.")
]
StdinNameOpt = Annotated[
    str | None,
    typer.Option(
        "--stdin-filename",
        metavar="NAME",
        help="A name for what '-' reads: its format and settings go by it, as for a file of that name.",
    ),
]
CLEAN_GLOB = "*.txt, *.html, *.htm, *.jsonl, *.jsonl.gz"


def _fail(message: str) -> NoReturn:
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


def _config(
    config_file: Path | None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    mode: Mode | None = None,
    keep_captions: bool | None = None,
    max_removal: float | None = None,
    cwd: Path | None = None,
) -> Config:
    """The run's settings (from --config, else found from `cwd`), checked; a bad configuration ends
    the run here, before any file is read."""
    settings.forget()
    try:
        loaded = settings.load(config_file, cwd)
        return settings.with_overrides(
            loaded.config,
            select=select,
            ignore=ignore,
            mode=mode,
            keep_captions=keep_captions,
            max_removal=max_removal,
        )
    except settings.SettingsError as err:
        _fail(str(err))


def _checked(per_file: settings.PerFile, path: Path) -> Config:
    try:
        return per_file(path)
    except settings.SettingsError as err:
        _fail(str(err))


def _settings_of(path: Path, per_file: Callable[[Path], Config], seen: set[Path | None], screen: _Screen) -> None:
    """Check the settings of `path` before any file is processed; with -v, name each settings file
    when a file first uses it."""
    if not isinstance(per_file, settings.PerFile):
        return
    _checked(per_file, path)
    source = per_file.source(path)
    if source not in seen:
        seen.add(source)
        if screen.verbose:
            screen.message(
                f"settings: {source or 'the defaults (no cleaner.toml or [tool.cleaner] found)'} (first for {path})"
            )


def _per_file(
    config_file: Path | None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    mode: Mode | None = None,
    keep_captions: bool | None = None,
    max_removal: float | None = None,
) -> settings.PerFile | None:
    """Without --config, each file's settings come from its own folders (checked for every file
    before any is processed, see `_run`)."""
    if config_file is not None:
        return None
    return settings.PerFile(
        settings.Overrides(tuple(select or ()), tuple(ignore or ()), mode, keep_captions, max_removal)
    )


def _selection(
    config_file: Path | None,
    glob: str,
    exclude: list[str] | None,
    extend_exclude: list[str] | None,
    force_exclude: bool | None,
    gitignore: bool | None,
) -> Selection:
    """Which files the run takes: the command line over [tool.cleaner] over the defaults."""
    try:
        found = settings.load(config_file).files
    except settings.SettingsError as err:
        _fail(str(err))
    base = _patterns(exclude) if exclude else DEFAULT_EXCLUDES if found.exclude is None else found.exclude
    return Selection(
        ",".join(part.strip() for part in glob.split(",")),  # "*.txt, *.html" as the help shows it
        (*base, *found.extend_exclude, *_patterns(extend_exclude or [])),
        gitignore=found.respect_gitignore if gitignore is None else gitignore,
        force_exclude=found.force_exclude if force_exclude is None else force_exclude,
    )


def _patterns(values: list[str]) -> tuple[str, ...]:
    """`--exclude a,b --exclude c` means three patterns."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


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


class _Screen:
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


def _verbose_line(res: batch.FileResult, names: Mapping[str, str]) -> str:
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


@app.command(cls=_Command)
def clean(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH", help="Files or folders to clean; '-' reads stdin.")],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", metavar="FOLDER", help="Folder for the cleaned tree.")
    ] = None,
    glob: GlobOpt = CLEAN_GLOB,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    config_file: ConfigOpt = None,
    mode: ModeOpt = None,
    keep_captions: KeepCaptionsOpt = None,
    max_removal: MaxRemovalOpt = None,
    jobs: JobsOpt = None,
    report: ReportOpt = None,
    quiet: QuietOpt = False,
    encoding: EncodingOpt = None,
    input_format: FormatOpt = batch.InputFormat.AUTO,
    text_key: TextKeyOpt = "text",
    html_mode: HtmlModeOpt = HtmlMode.DEFAULT,
    exclude: ExcludeOpt = None,
    extend_exclude: ExtendExcludeOpt = None,
    force_exclude: ForceExcludeOpt = None,
    gitignore: GitignoreOpt = None,
    stdin_filename: StdinNameOpt = None,
    verbose: VerboseOpt = False,
    color: ColorOpt = None,
) -> None:
    """Clean files or folder trees into OUTPUT (mirrored names); inputs are never modified.

    Text in any encoding comes out UTF-8; an HTML page comes out as `<name>.txt` (its main content, cleaned); a JSONL corpus keeps its name (and its gzip), with one field cleaned per record. Without -o, the cleaned text of each file goes to stdout.

    Exit 0, or 2 if a file could not be processed.
    """
    screen = _Screen(color, verbose)
    stdin = [str(p) for p in paths] == ["-"]
    if stdin_filename is not None and not stdin:
        _fail("--stdin-filename names what '-' reads; give '-' as the only path")
    # Settings are looked up from the folder of the name given to stdin, as for a file there.
    named = Path(stdin_filename) if stdin_filename else None
    cfg = _config(config_file, select, ignore, mode, keep_captions, max_removal, named.parent if named else None)
    inputs = _inputs(encoding, input_format, text_key, html_mode)
    options = batch.Options(batch.Action.CLEAN, cfg, output=output, **inputs)
    per_file = _per_file(config_file, select, ignore, mode, keep_captions, max_removal)
    if stdin:
        if named is not None and input_format is batch.InputFormat.AUTO:
            options = replace(options, input_format=_format_by_name(named, options))
        _clean_stdin(options, screen, name=stdin_filename or "<stdin>")
        return
    if output is None and any(p.is_dir() for p in paths):
        _fail("cleaning a folder needs -o/--output")
    if output is None and len(paths) == 1 and paths[0].is_file():
        single = Task(paths[0], PurePath(paths[0].name))
        if batch.format_of(single, options) == "jsonl":
            # A corpus of any size to stdout: streamed, never held whole in memory.
            single_cfg = _checked(per_file, paths[0]) if per_file else cfg
            _clean_stdin(replace(options, input_format=batch.InputFormat.JSONL, config=single_cfg), screen, paths[0])
            return
    if output is not None and (overlap := output_overlap(paths, output)):
        _fail(
            f"{overlap}; nothing was written (write the cleaned tree elsewhere, or use `cleaner fix` to clean in place)"
        )
    selection = _selection(config_file, glob, exclude, extend_exclude, force_exclude, gitignore)
    _run(paths, selection, replace(options, settings_for=per_file), jobs, report, quiet, screen)


def _format_by_name(name: Path, options: batch.Options) -> batch.InputFormat:
    """The format a file of this name is read in: .html and .jsonl by name; other names are text,
    with HTML sniffed (auto), as for files."""
    by_name = batch.format_of(Task(name, PurePath(name.name)), options)
    return batch.InputFormat.AUTO if by_name == "text" else batch.InputFormat(by_name)


def _inputs(
    encoding: str | None, input_format: batch.InputFormat, text_key: str, html_mode: HtmlMode = HtmlMode.DEFAULT
) -> dict[str, Any]:
    """The input-format fields of batch.Options, checked before any file is read."""
    try:
        codec = check_encoding(encoding) if encoding else None
    except UnknownEncodingError as err:
        _fail(str(err))
    return {"encoding": codec, "input_format": input_format, "text_key": text_key, "html_mode": html_mode}


def _clean_stdin(options: batch.Options, screen: _Screen, path: Path | None = None, name: str = "<stdin>") -> None:
    """stdin (or one JSONL file) to stdout: text, HTML (sniffed) or, with --format jsonl, a JSONL
    stream (gzip or not). `name` is stdin's name in messages."""
    try:
        if path is None:
            res = batch.process_stream(sys.stdin.buffer, sys.stdout.buffer, options, name)
        else:
            with path.open("rb") as handle:
                res = batch.process_stream(handle, sys.stdout.buffer, options, str(path))
        sys.stdout.buffer.flush()
    except InputError as err:
        _fail(str(err))
    except BrokenPipeError:
        _stdout_closed("the output was cut short")
    except OSError as err:
        _fail(f"{path}: {err.strerror or err}")
    for warning in res.warnings:
        screen.message(f"warning: {warning}", fg="yellow")
    if screen.verbose:
        screen.message(_verbose_line(res, _rule_names(options)))


def _rule_names(options: batch.Options) -> dict[str, str]:
    return {r.id: r.name for r in all_rules(options.config)}


@app.command(cls=_Command)
def fix(
    paths: PathsArg,
    diff: DiffOpt = False,
    glob: GlobOpt = "*.txt",
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    config_file: ConfigOpt = None,
    mode: ModeOpt = None,
    keep_captions: KeepCaptionsOpt = None,
    max_removal: MaxRemovalOpt = None,
    jobs: JobsOpt = None,
    report: ReportOpt = None,
    quiet: QuietOpt = False,
    encoding: EncodingOpt = None,
    input_format: FormatOpt = batch.InputFormat.AUTO,
    text_key: TextKeyOpt = "text",
    exclude: ExcludeOpt = None,
    extend_exclude: ExtendExcludeOpt = None,
    force_exclude: ForceExcludeOpt = None,
    gitignore: GitignoreOpt = None,
    verbose: VerboseOpt = False,
    color: ColorOpt = None,
) -> None:
    """Clean files in place (atomic writes, permissions kept) and print `Fixing <file>` for each change.

    Exit 0 if nothing changed, 1 if a file changed, 2 if a file could not be processed.
    """
    cfg = _config(config_file, select, ignore, mode, keep_captions, max_removal)
    options = batch.Options(
        batch.Action.FIX,
        cfg,
        diff=diff,
        settings_for=_per_file(config_file, select, ignore, mode, keep_captions, max_removal),
        **_inputs(encoding, input_format, text_key),
    )
    selection = _selection(config_file, glob, exclude, extend_exclude, force_exclude, gitignore)
    _run(paths, selection, options, jobs, report, quiet, _Screen(color, verbose))


@app.command(cls=_Command)
def check(
    paths: PathsArg,
    diff: DiffOpt = False,
    glob: GlobOpt = "*.txt",
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    config_file: ConfigOpt = None,
    mode: ModeOpt = None,
    keep_captions: KeepCaptionsOpt = None,
    max_removal: MaxRemovalOpt = None,
    jobs: JobsOpt = None,
    report: ReportOpt = None,
    quiet: QuietOpt = False,
    encoding: EncodingOpt = None,
    input_format: FormatOpt = batch.InputFormat.AUTO,
    text_key: TextKeyOpt = "text",
    exclude: ExcludeOpt = None,
    extend_exclude: ExtendExcludeOpt = None,
    force_exclude: ForceExcludeOpt = None,
    gitignore: GitignoreOpt = None,
    verbose: VerboseOpt = False,
    color: ColorOpt = None,
) -> None:
    """Write nothing; list the files that would change (or print a diff with --diff).

    Exit 0 if none would change, 1 if one would (or the --max-removal valve stopped one), 2 if a file could not be processed.
    """
    cfg = _config(config_file, select, ignore, mode, keep_captions, max_removal)
    options = batch.Options(
        batch.Action.CHECK,
        cfg,
        diff=diff,
        settings_for=_per_file(config_file, select, ignore, mode, keep_captions, max_removal),
        **_inputs(encoding, input_format, text_key),
    )
    selection = _selection(config_file, glob, exclude, extend_exclude, force_exclude, gitignore)
    _run(paths, selection, options, jobs, report, quiet, _Screen(color, verbose))


def _run(
    paths: Sequence[Path],
    selection: Selection,
    options: batch.Options,
    jobs: int | None,
    report: Path | None,
    quiet: bool,
    screen: _Screen,
) -> None:
    if any(str(p) == "-" for p in paths):
        _fail(f"'-' (stdin) works with `cleaner clean` only, not `cleaner {options.action}`")
    if report is not None:
        try:
            files.check_writable(report)  # before the work, not after it
        except InputError as err:
            _fail(f"--report {err}")
    # Tasks are streamed (a list of millions of files would grow memory); a pass that only counts gives
    # the progress bar its total, and the count printed if the run is interrupted.
    total = 0
    results: list[batch.FileResult] = []  # kept for --report only: memory must not grow with the corpus
    totals = batch.Totals()
    names = _rule_names(options) if screen.verbose else {}

    def show(res: batch.FileResult) -> None:
        _print_result(res, options, screen, names)
        if report is not None:
            results.append(res)
        totals.add(res)

    run: batch.Run | None = None
    try:
        with _stop_signals():
            clashes = batch.OutputClashes(options)
            sources: set[Path | None] = set()
            for task in discover(paths, selection):
                total += 1
                clashes.add(task)
                if options.settings_for is not None:
                    _settings_of(task.source, options.settings_for, sources, screen)
            _refuse_clashes(clashes.clashes(discover(paths, selection)))
            run = batch.run(discover(paths, selection), options, jobs or batch.default_jobs())
            with screen.progress(total, show=not quiet and total >= PROGRESS_MIN_FILES) as advance:
                for res in run:
                    with batch.ctrl_c_held():  # a result is shown and counted whole, or not taken yet
                        show(res)
                        advance()
    except BrokenPipeError:
        batch.stop_workers()  # the file in hand, not the chunk in hand
        _stdout_closed(
            f"stopped after {totals.files} of {total} file(s) were reported; "
            "every file is either untouched or fully written"
        )
    except files.Terminated as stop:
        batch.stop_workers()
        screen.message(
            f"interrupted after {totals.files} of {total} file(s), each reported above; "
            "every file is either untouched or fully written",
        )
        raise typer.Exit(128 + stop.signum) from None
    except batch.WorkerDied as err:
        _fail(f"{err}; stopped after {totals.files} of {total} file(s) were reported")
    except KeyboardInterrupt:
        try:
            # The files the workers had in hand are finished and written: they are reported too.
            for res in run.finish() if run is not None else ():
                show(res)
        except KeyboardInterrupt:
            pass  # a second Ctrl-C: stop reporting
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
        except (InputError, OSError) as err:
            _fail(f"--report {report}: cannot write: {getattr(err, 'strerror', None) or err}")
    if not quiet:
        _print_summary(totals, options, screen)
    raise typer.Exit(_exit_code(totals, options))


def _refuse_clashes(clashes: list[tuple[str, list[str]]]) -> None:
    """Stop before anything is written if two inputs would write one output file."""
    for out, sources in clashes:
        every = "both" if len(sources) == 2 else "all"
        _echo(f"error: {' and '.join(sources)} would {every} be written to {out}", err=True)
    if clashes:
        _fail(
            f"{len(clashes)} output name(s) taken by more than one input; nothing was written "
            "(clean the folders into separate outputs, or rename the inputs)"
        )


def _print_result(res: batch.FileResult, options: batch.Options, screen: _Screen, names: Mapping[str, str]) -> None:
    if res.error is not None:
        screen.message(f"error: {res.error}", fg="red")
        return
    for warning in res.warnings:
        screen.message(f"warning: {warning}", fg="yellow")
    if screen.verbose:
        screen.message(_verbose_line(res, names))
    if res.changed and options.action is batch.Action.FIX:
        screen.line(f"Fixing {res.source}")
    elif res.changed and options.action is batch.Action.CHECK and not options.diff:
        screen.line(f"Would fix {res.source}")
    if res.diff:
        screen.diff(res.diff)
    if res.text is not None:
        screen.write(res.text)


@contextlib.contextmanager
def _stop_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP stop a run as Ctrl-C does (files.Terminated), and all three wait for the end
    of a write in progress (see files.deferred). The handlers in place before come back after."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers
        return
    handler = files.deferred(files.stop_signal)
    before = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for signum, previous in before.items():
            if previous is not None:
                signal.signal(signum, previous)


def _stdout_closed(message: str) -> NoReturn:
    """The reader of stdout went away (`cleaner ... | head`): one line, and no error when Python
    flushes stdout on exit."""
    with contextlib.suppress(OSError, ValueError):  # ValueError: a stdout with no file (a test's)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    with contextlib.suppress(OSError):
        typer.echo(f"stdout closed (broken pipe): {message}", err=True)
    raise typer.Exit(EXIT_BROKEN_PIPE)


def _print_summary(totals: batch.Totals, options: batch.Options, screen: _Screen) -> None:
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


def _exit_code(totals: batch.Totals, options: batch.Options) -> int:
    if totals.errors:
        return EXIT_ERROR
    if options.action is batch.Action.FIX and totals.changed:
        return EXIT_CHANGED
    if options.action is batch.Action.CHECK and (totals.changed or totals.refused):
        return EXIT_CHANGED
    return EXIT_OK


class RulesFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"


@app.command("rules", cls=_Command)
def list_rules(
    config_file: ConfigOpt = None,
    output_format: Annotated[
        RulesFormat,
        typer.Option(
            "--format",
            metavar="[text|markdown]",
            help="text: one line per rule; markdown: docs/rules.md, every rule in full.",
        ),
    ] = RulesFormat.TEXT,
) -> None:
    """List every rule, built-in and configured: id, name, kind and what it removes."""
    rules = all_rules(_config(config_file))
    if output_format is RulesFormat.MARKDOWN:
        sys.stdout.write(ruledoc.as_markdown(rules))
        return
    for r in rules:
        typer.echo(f"{r.id}  {r.name:<32} {r.kind.value:<10} {r.description}")


@app.command("rule", cls=_Command)
def show_rule(
    rule_id: Annotated[str, typer.Argument(metavar="RULE", help="A rule id (AD001) or name (ads.shortcode).")],
    config_file: ConfigOpt = None,
) -> None:
    """Show a rule: what it removes, why it exists, where it is known to misfire, and its examples."""
    rules = all_rules(_config(config_file))
    wanted = rule_id.strip()
    found = next((r for r in rules if r.id == wanted.upper() or r.name == wanted), None)
    if found is None:
        _fail(f"unknown rule {rule_id!r} (see `cleaner rules`)")
    typer.echo(ruledoc.as_text(found), nl=False)


@app.command(cls=_Command)
def explain(
    path: Annotated[Path, typer.Argument(metavar="PATH", help="A capture to explain; '-' reads stdin.")],
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    config_file: ConfigOpt = None,
    mode: ModeOpt = None,
    keep_captions: KeepCaptionsOpt = None,
    stdin_filename: StdinNameOpt = None,
) -> None:
    """Show each removed line (or marker) with the rule that removed it."""
    stdin = str(path) == "-"
    if stdin_filename is not None and not stdin:
        _fail("--stdin-filename names what '-' reads; give '-' as the path")
    named = Path(stdin_filename) if stdin_filename else path
    cfg = _config(config_file, select, ignore, mode, keep_captions, cwd=named.absolute().parent)
    try:
        text = decode(sys.stdin.buffer.read(), stdin_filename or "<stdin>") if stdin else read_text(path)
    except InputError as err:
        _fail(str(err))
    if is_html_name(named.name) or looks_like_html(text):
        # Line numbers are those of the page's extracted text, which is what the rules see.
        result, _ = clean_page(text, cfg, clean_and_explain)
    else:
        result = clean_and_explain(text, cfg)
    for warning in result.warnings:
        typer.echo(f"warning: {warning}", err=True)
    for r in result.removals:
        for k, line in enumerate(r.text.split("\n")):
            label = f"{r.rule_id} {r.rule_name}" if k == 0 else ""
            typer.echo(f"{r.lines if k == 0 else '':>7}  {label:<36} {line}")
    typer.echo(f"{len(result.removals)} removal(s)", err=True)


def main() -> None:
    app()
