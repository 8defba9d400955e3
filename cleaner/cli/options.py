"""The command-line options, declared once, and what they turn into: settings, file selection, input format."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePath
from typing import Annotated, Any

import typer

from cleaner import batch, settings
from cleaner.cli.output import _fail, _Screen
from cleaner.config import Config, Mode
from cleaner.decoding import UnknownEncodingError, check_encoding
from cleaner.files import DEFAULT_EXCLUDES, Selection, Task
from cleaner.html import HtmlMode

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
