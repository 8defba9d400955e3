"""The `cleaner` command: the typer app, its help conventions, exit codes and `--version`."""

from __future__ import annotations

import signal
from functools import partial
from typing import Annotated, Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

from cleaner import __version__

EXIT_OK, EXIT_CHANGED, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


EXIT_BROKEN_PIPE = 128 + signal.SIGPIPE


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


def main() -> None:
    app()
