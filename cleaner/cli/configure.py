"""What the options turn into: the run's settings (checked before any file is read), each file's
settings, the file selection and the batch options."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cleaner import batch, settings
from cleaner.cli.options import RunOptions
from cleaner.cli.output import Screen, fail
from cleaner.config import Config


def overrides(opts: RunOptions) -> settings.Overrides:
    """The settings the command line gives, which win over every settings file."""
    return settings.Overrides(
        tuple(opts.select or ()), tuple(opts.ignore or ()), opts.mode, opts.keep_captions, opts.max_removal
    )


def run_settings(opts: RunOptions, cwd: Path | None = None) -> Config:
    """The run's settings (from --config, else found from `cwd`) under the command line's, checked; a
    bad configuration ends the run here, before any file is read."""
    settings.forget()
    try:
        return overrides(opts).apply(settings.load(opts.config_file, cwd).config)
    except settings.SettingsError as err:
        fail(str(err))


def checked(per_file: Callable[[Path], Config], path: Path) -> Config:
    try:
        return per_file(path)
    except settings.SettingsError as err:
        fail(str(err))


def settings_of(path: Path, per_file: Callable[[Path], Config], seen: set[Path | None], screen: Screen) -> None:
    """Check the settings of `path` before any file is processed; with -v, name each settings file
    when a file first uses it."""
    if not isinstance(per_file, settings.PerFile):
        return
    checked(per_file, path)
    source = per_file.source(path)
    if source not in seen:
        seen.add(source)
        if screen.verbose:
            screen.message(
                f"settings: {source or 'the defaults (no cleaner.toml or [tool.cleaner] found)'} (first for {path})"
            )


def per_file(opts: RunOptions) -> settings.PerFile | None:
    """Without --config, each file's settings come from its own folders (checked for every file
    before any is processed, see `run_batch`)."""
    return None if opts.config_file is not None else settings.PerFile(overrides(opts))


def selection(opts: RunOptions) -> batch.Selection:
    """Which files the run takes: the command line over [tool.cleaner] over the defaults."""
    try:
        found = settings.load(opts.config_file).files
    except settings.SettingsError as err:
        fail(str(err))
    base = (
        _patterns(opts.exclude) if opts.exclude else batch.DEFAULT_EXCLUDES if found.exclude is None else found.exclude
    )
    return batch.Selection(
        ",".join(part.strip() for part in opts.glob.split(",")),  # "*.txt, *.html" as the help shows it
        (*base, *found.extend_exclude, *_patterns(opts.extend_exclude or [])),
        gitignore=found.respect_gitignore if opts.gitignore is None else opts.gitignore,
        force_exclude=found.force_exclude if opts.force_exclude is None else opts.force_exclude,
    )


def _patterns(values: list[str]) -> tuple[str, ...]:
    """`--exclude a,b --exclude c` means three patterns."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def batch_options(action: batch.Action, opts: RunOptions, config: Config, **fields: object) -> batch.Options:
    """The batch options of a run: each file's settings from its own folders unless --config, and the
    input format, with --encoding checked before any file is read."""
    try:
        codec = batch.checked_encoding(opts.encoding)
    except batch.RouteError as err:
        fail(str(err))
    return batch.Options(
        action,
        config,
        settings_for=per_file(opts),
        encoding=codec,
        input_format=opts.input_format,
        text_key=opts.text_key,
        html_mode=opts.html_mode,
        **fields,  # type: ignore[arg-type]
    )
