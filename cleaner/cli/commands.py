"""The commands: clean, fix, check, explain, rules and rule."""

from __future__ import annotations

import sys
from dataclasses import replace
from enum import StrEnum
from pathlib import Path, PurePath
from typing import Annotated

import typer

from cleaner import batch, ruledoc
from cleaner.cli.app import _Command, app
from cleaner.cli.options import (
    CLEAN_GLOB,
    ColorOpt,
    ConfigOpt,
    DiffOpt,
    EncodingOpt,
    ExcludeOpt,
    ExtendExcludeOpt,
    ForceExcludeOpt,
    FormatOpt,
    GitignoreOpt,
    GlobOpt,
    HtmlModeOpt,
    IgnoreOpt,
    JobsOpt,
    KeepCaptionsOpt,
    MaxRemovalOpt,
    ModeOpt,
    PathsArg,
    QuietOpt,
    ReportOpt,
    SelectOpt,
    StdinNameOpt,
    TextKeyOpt,
    VerboseOpt,
    _checked,
    _config,
    _format_by_name,
    _inputs,
    _per_file,
    _selection,
)
from cleaner.cli.output import _fail, _Screen
from cleaner.cli.run import _clean_stdin, _run
from cleaner.files import InputError, Task, decode, output_overlap, read_text
from cleaner.html import HtmlMode, clean_page, is_html_name, looks_like_html
from cleaner.pipeline import clean_and_explain
from cleaner.registry import all_rules


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
