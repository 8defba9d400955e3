"""The commands: clean, fix, check, explain, rules and rule. Each only routes: the options become
settings (cleaner.cli.configure), the inputs are routed by the library (cleaner.batch.route), and the
run shows what the library returns (cleaner.cli.run)."""

from __future__ import annotations

import sys
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cleaner import batch, ruledoc
from cleaner.cli.app import CleanerCommand, app
from cleaner.cli.configure import batch_options, checked, run_settings, selection
from cleaner.cli.options import CLEAN_GLOB, ConfigOpt, DiffOpt, PathsArg, RunOptions, with_options
from cleaner.cli.output import Screen, fail
from cleaner.cli.run import clean_stdin, run_batch
from cleaner.registry import all_rules


@app.command(cls=CleanerCommand)
@with_options(glob=CLEAN_GLOB)
def clean(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH", help="Files or folders to clean; '-' reads stdin.")],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", metavar="FOLDER", help="Folder for the cleaned tree.")
    ] = None,
    *,
    opts: RunOptions,
) -> None:
    """Clean files or folder trees into OUTPUT (mirrored names); inputs are never modified.

    Text in any encoding comes out UTF-8; an HTML page comes out as `<name>.txt` (its main content, cleaned); a JSONL corpus keeps its name (and its gzip), with one field cleaned per record. Without -o, the cleaned text of each file goes to stdout.

    Exit 0, or 2 if a file could not be processed.
    """
    screen = Screen(opts.color, opts.verbose)
    where = _route(paths, batch.Options(batch.Action.CLEAN, output=output, input_format=opts.input_format), opts)
    # Settings are looked up from the folder of the name given to stdin, as for a file there.
    named = where.named if isinstance(where, batch.Stream) and where.path is None else None
    options = batch_options(
        batch.Action.CLEAN, opts, run_settings(opts, named.parent if named else None), output=output
    )
    if isinstance(where, batch.Stream):
        if where.path is None:
            clean_stdin(replace(options, input_format=where.input_format), screen, name=where.name)
        else:
            per_file = options.settings_for
            single_cfg = checked(per_file, where.path) if per_file is not None else options.config
            clean_stdin(replace(options, input_format=where.input_format, config=single_cfg), screen, where.path)
        return
    run_batch(where, selection(opts), options, opts.jobs, opts.report, opts.quiet, screen)


@app.command(cls=CleanerCommand)
@with_options(leave_out=("html_mode", "stdin_filename"))
def fix(paths: PathsArg, diff: DiffOpt = False, *, opts: RunOptions) -> None:
    """Clean files in place (atomic writes, permissions kept) and print `Fixing <file>` for each change.

    Exit 0 if nothing changed, 1 if a file changed, 2 if a file could not be processed.
    """
    _in_place(batch.Action.FIX, paths, diff, opts)


@app.command(cls=CleanerCommand)
@with_options(leave_out=("html_mode", "stdin_filename"))
def check(paths: PathsArg, diff: DiffOpt = False, *, opts: RunOptions) -> None:
    """Write nothing; list the files that would change (or print a diff with --diff).

    Exit 0 if none would change, 1 if one would (or the --max-removal valve stopped one), 2 if a file could not be processed.
    """
    _in_place(batch.Action.CHECK, paths, diff, opts)


def _in_place(action: batch.Action, paths: list[Path], diff: bool, opts: RunOptions) -> None:
    options = batch_options(action, opts, run_settings(opts), diff=diff)
    files = selection(opts)
    where = _route(paths, options, opts)
    assert isinstance(where, batch.Tree)  # only `clean` streams
    run_batch(where, files, options, opts.jobs, opts.report, opts.quiet, Screen(opts.color, opts.verbose))


def _route(paths: list[Path], options: batch.Options, opts: RunOptions, one: bool = False) -> batch.Stream | batch.Tree:
    try:
        return batch.route(paths, options, opts.stdin_filename, one=one)
    except batch.RouteError as err:
        fail(str(err))


class RulesFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"


@app.command("rules", cls=CleanerCommand)
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
    rules = all_rules(run_settings(RunOptions(config_file=config_file)))
    if output_format is RulesFormat.MARKDOWN:
        sys.stdout.write(ruledoc.as_markdown(rules))
        return
    for r in rules:
        typer.echo(f"{r.id}  {r.name:<32} {r.kind.value:<10} {r.description}")


@app.command("rule", cls=CleanerCommand)
def show_rule(
    rule_id: Annotated[str, typer.Argument(metavar="RULE", help="A rule id (AD001) or name (ads.shortcode).")],
    config_file: ConfigOpt = None,
) -> None:
    """Show a rule: what it removes, why it exists, where it is known to misfire, and its examples."""
    rules = all_rules(run_settings(RunOptions(config_file=config_file)))
    wanted = rule_id.strip()
    found = next((r for r in rules if r.id == wanted.upper() or r.name == wanted), None)
    if found is None:
        fail(f"unknown rule {rule_id!r} (see `cleaner rules`)")
    typer.echo(ruledoc.as_text(found), nl=False)


@app.command(cls=CleanerCommand)
@with_options("select", "ignore", "config_file", "mode", "keep_captions", "stdin_filename")
def explain(
    path: Annotated[Path, typer.Argument(metavar="PATH", help="A capture to explain; '-' reads stdin.")],
    *,
    opts: RunOptions,
) -> None:
    """Show each removed line (or marker) with the rule that removed it."""
    where = _route([path], batch.Options(batch.Action.CHECK), opts, one=True)
    assert isinstance(where, batch.Stream)
    cwd = where.named.absolute().parent if where.named is not None else None
    cfg = run_settings(opts, cwd)
    count = 0
    try:
        for place, result in batch.explain(where, cfg, sys.stdin.buffer):
            for warning in result.warnings:
                typer.echo(f"warning: {warning}", err=True)
            if place is not None and result.removals:
                typer.echo(f"{place}:")
            for r in result.removals:
                for k, line in enumerate(r.text.split("\n")):
                    label = f"{r.rule_id} {r.rule_name}" if k == 0 else ""
                    typer.echo(f"{r.lines if k == 0 else '':>7}  {label:<36} {line}")
            count += len(result.removals)
    except batch.InputError as err:
        fail(str(err))
    typer.echo(f"{count} removal(s)", err=True)
