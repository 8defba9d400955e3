"""The command-line options, each declared once: their types and help, and `RunOptions`, the one
option set that `clean`, `fix` and `check` share (`explain` takes some of it)."""

from __future__ import annotations

import dataclasses
import functools
import inspect
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from cleaner import batch
from cleaner.config import Mode

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
    batch.HtmlMode,
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


@dataclass(frozen=True)
class RunOptions:
    """The options of a run, in the order help lists them. A command gets them through `with_options`."""

    glob: GlobOpt = "*.txt"
    select: SelectOpt = None
    ignore: IgnoreOpt = None
    config_file: ConfigOpt = None
    mode: ModeOpt = None
    keep_captions: KeepCaptionsOpt = None
    max_removal: MaxRemovalOpt = None
    jobs: JobsOpt = None
    report: ReportOpt = None
    quiet: QuietOpt = False
    encoding: EncodingOpt = None
    input_format: FormatOpt = batch.InputFormat.AUTO
    text_key: TextKeyOpt = "text"
    html_mode: HtmlModeOpt = batch.HtmlMode.DEFAULT
    exclude: ExcludeOpt = None
    extend_exclude: ExtendExcludeOpt = None
    force_exclude: ForceExcludeOpt = None
    gitignore: GitignoreOpt = None
    stdin_filename: StdinNameOpt = None
    verbose: VerboseOpt = False
    color: ColorOpt = None


Command = TypeVar("Command", bound=Callable[..., None])


def with_options(*names: str, leave_out: tuple[str, ...] = (), **defaults: Any) -> Callable[[Command], Command]:
    """Give a command the options of RunOptions (all, or only `names`, less `leave_out`) after its own
    parameters; it receives them as one `opts: RunOptions`. `defaults` overrides a default (--glob)."""

    def wrap(command: Command) -> Command:
        hints = typing.get_type_hints(RunOptions, include_extras=True)
        taken = [
            f for f in dataclasses.fields(RunOptions) if (not names or f.name in names) and f.name not in leave_out
        ]
        shared = [
            inspect.Parameter(
                f.name,
                inspect.Parameter.KEYWORD_ONLY,
                default=defaults.get(f.name, f.default),
                annotation=hints[f.name],
            )
            for f in taken
        ]
        own_hints = typing.get_type_hints(command, include_extras=True)
        own = [
            p.replace(annotation=own_hints[p.name])
            for p in inspect.signature(command).parameters.values()
            if p.name != "opts"
        ]

        @functools.wraps(command)
        def run(**given: Any) -> None:
            opts = RunOptions(**{f.name: given.pop(f.name) for f in taken})
            command(**given, opts=opts)

        # typer builds a command's options from its signature: the command's own, then the set's.
        params = [*own, *shared]
        run.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in params}
        return typing.cast(Command, run)

    return wrap
