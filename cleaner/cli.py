"""The `cleaner` command: a thin layer over the library."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer

from cleaner import registry
from cleaner.config import Config
from cleaner.files import InputError, atomic_write, decode, discover, read_text
from cleaner.pipeline import Explanation, clean_and_explain

EXIT_OK, EXIT_CHANGED, EXIT_ERROR = 0, 1, 2

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Strip scraper debris from article captures and keep every sentence of the article.",
)

SelectOpt = Annotated[
    list[str] | None, typer.Option("--select", help="Only these rules (id, id prefix, name or family).")
]
IgnoreOpt = Annotated[
    list[str] | None, typer.Option("--ignore", help="Skip these rules (id, id prefix, name or family).")
]


def _config(select: list[str] | None, ignore: list[str] | None) -> Config:
    cfg = Config(select=tuple(select or ()), ignore=tuple(ignore or ()))
    try:
        registry.select(registry.BUILTIN, cfg.select, cfg.ignore)
    except registry.UnknownRuleError as err:
        _fail(str(err))
    return cfg


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(EXIT_ERROR)


def _count_lines(result: Explanation, counts: Counter[str]) -> None:
    for r in result.removals:
        counts[r.rule_id] += r.last_line - r.first_line + 1


@app.command()
def clean(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to clean; '-' reads stdin.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Folder for the cleaned tree.")] = None,
    glob: Annotated[str, typer.Option("--glob", help="Which files to take from folders.")] = "*.txt",
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="No summary.")] = False,
) -> None:
    """Clean files or folder trees into OUTPUT (mirrored names); inputs are never modified."""
    cfg = _config(select, ignore)
    if [str(p) for p in paths] == ["-"]:
        data = sys.stdin.buffer.read()
        try:
            text = decode(data, "<stdin>")
        except InputError as err:
            _fail(str(err))
        sys.stdout.write(clean_and_explain(text, cfg).text)
        return
    missing = [p for p in paths if not p.exists()]
    if missing:
        _fail(f"no such file or folder: {', '.join(map(str, missing))}")
    if output is None and any(p.is_dir() for p in paths):
        _fail("cleaning a folder needs -o/--output")
    files = bytes_in = bytes_out = errors = 0
    counts: Counter[str] = Counter()
    for task in discover(paths, glob):
        try:
            text = read_text(task.source)
        except InputError as err:
            typer.echo(f"error: {err}", err=True)
            errors += 1
            continue
        result = clean_and_explain(text, cfg)
        _count_lines(result, counts)
        files += 1
        bytes_in += len(text.encode("utf-8"))
        bytes_out += len(result.text.encode("utf-8"))
        if output is None:
            sys.stdout.write(result.text)
        else:
            atomic_write(output / task.relative, result.text)
    if not quiet:
        rules = ", ".join(f"{rid} {n}" for rid, n in sorted(counts.items()))
        typer.echo(
            f"{files} file(s) cleaned, {bytes_in:,} bytes in, {bytes_out:,} bytes out"
            + (f", {errors} error(s)" if errors else "")
            + (f"; lines removed: {rules}" if rules else ""),
            err=True,
        )
    if errors:
        raise typer.Exit(EXIT_ERROR)


@app.command("rules")
def list_rules() -> None:
    """List every rule: id, name, kind and what it removes."""
    for r in registry.BUILTIN:
        typer.echo(f"{r.id}  {r.name:<32} {r.kind.value:<10} {r.description}")


@app.command()
def explain(
    path: Annotated[Path, typer.Argument(help="A capture to explain; '-' reads stdin.")],
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
) -> None:
    """Show each removed line (or marker) with the rule that removed it."""
    cfg = _config(select, ignore)
    try:
        text = decode(sys.stdin.buffer.read(), "<stdin>") if str(path) == "-" else read_text(path)
    except InputError as err:
        _fail(str(err))
    result = clean_and_explain(text, cfg)
    for r in result.removals:
        for k, line in enumerate(r.text.split("\n")):
            label = f"{r.rule_id} {r.rule_name}" if k == 0 else ""
            typer.echo(f"{r.lines if k == 0 else '':>7}  {label:<36} {line}")
    typer.echo(f"{len(result.removals)} removal(s)", err=True)


def main() -> None:
    app()
