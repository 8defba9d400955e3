"""The `cleaner` command: the typer app, its help conventions, exit codes and `--version`."""

from __future__ import annotations

import signal
from enum import Enum
from functools import partial
from pathlib import Path
from typing import Annotated, Any, get_args, get_origin

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


class _QuickCoercion:
    """Typer's coercion of a parameter's value, without typer's pydantic adapter where the value is
    missing, a plain string, a member of its enum, or a path: importing pydantic is about a tenth of
    a second of each start, and `cleaner clean -` needs no more than these. Each gives what typer's
    adapter gives; any other value goes to typer's own coercion, built on first need."""

    def __init__(self, descriptor: Any) -> None:
        self._descriptor = descriptor
        self._full: Any = None

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        if value is None:  # as typer's RuntimeParam.coerce, before it looks at the type
            return () if param.multiple or param.nargs == -1 else None
        done = self._quick(value, param, ctx)
        if done is not _NOT_QUICK:
            return done
        if self._full is None:
            from typer._coercion import build_runtime_param

            self._full = build_runtime_param(self._descriptor)
        return self._full.coerce(value, param=param, ctx=ctx)

    def _quick(self, value: Any, param: Any, ctx: Any) -> Any:
        info, annotation = self._descriptor.parameter_info, self._descriptor.annotation
        if info.parser is not None or self._descriptor.file_annotation is not None:
            return _NOT_QUICK
        if get_origin(annotation) is list:
            (leaf,) = get_args(annotation)
            items = [self._leaf(leaf, item, info, param, ctx) for item in _as_list(value)]
            return _NOT_QUICK if _NOT_QUICK in items else items
        return self._leaf(annotation, value, info, param, ctx)

    @staticmethod
    def _leaf(annotation: Any, value: Any, info: Any, param: Any, ctx: Any) -> Any:
        if annotation is str and type(value) is str:
            return value
        if isinstance(annotation, type) and issubclass(annotation, Enum) and isinstance(value, annotation):
            return value
        if annotation is Path and info.path_type is None and type(value) is str and str(Path(value)) == value:
            # What typer does after pydantic has made the Path (the same Path: its messages name the
            # same string).
            from typer._param_types import coerce_cli_path

            return coerce_cli_path(Path(value), info, path_type=Path, param=param, ctx=ctx)
        return _NOT_QUICK


_NOT_QUICK = object()


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else [value]


def _quick_coercion(params: list[Any]) -> list[Any]:
    """Each typer parameter coerces through `_QuickCoercion` (typer versions that build a pydantic
    adapter per parameter have `_runtime_param`; others are left as they are)."""
    for param in params:
        if getattr(param, "_runtime_param", False) is None and hasattr(param, "type_descriptor"):
            param._runtime_param = _QuickCoercion(param.type_descriptor)
    return params


class CleanerCommand(TyperCommand):
    def get_params(self, ctx: Any) -> list[Any]:
        return _quick_coercion(_plain_labels(super().get_params(ctx)))


class _Group(TyperGroup):
    def get_params(self, ctx: Any) -> list[Any]:
        return _quick_coercion(_plain_labels(super().get_params(ctx)))


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
