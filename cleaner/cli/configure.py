"""What the options turn into: the run's settings (checked before any file is read), each file's
settings, the file selection and the batch options."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cleaner import batch, settings
from cleaner.cli.options import RunOptions
from cleaner.cli.output import _fail, _Screen
from cleaner.config import Config, Mode


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


def _checked(per_file: Callable[[Path], Config], path: Path) -> Config:
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
) -> batch.Selection:
    """Which files the run takes: the command line over [tool.cleaner] over the defaults."""
    try:
        found = settings.load(config_file).files
    except settings.SettingsError as err:
        _fail(str(err))
    base = _patterns(exclude) if exclude else batch.DEFAULT_EXCLUDES if found.exclude is None else found.exclude
    return batch.Selection(
        ",".join(part.strip() for part in glob.split(",")),  # "*.txt, *.html" as the help shows it
        (*base, *found.extend_exclude, *_patterns(extend_exclude or [])),
        gitignore=found.respect_gitignore if gitignore is None else gitignore,
        force_exclude=found.force_exclude if force_exclude is None else force_exclude,
    )


def _patterns(values: list[str]) -> tuple[str, ...]:
    """`--exclude a,b --exclude c` means three patterns."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _run_settings(opts: RunOptions, cwd: Path | None = None) -> Config:
    """The run's settings from the options (see `_config`)."""
    return _config(opts.config_file, opts.select, opts.ignore, opts.mode, opts.keep_captions, opts.max_removal, cwd)


def _batch_options(action: batch.Action, opts: RunOptions, config: Config, **fields: object) -> batch.Options:
    """The batch options of a run: each file's settings from its own folders unless --config, and the
    input format, with --encoding checked before any file is read."""
    try:
        codec = batch.checked_encoding(opts.encoding)
    except batch.RouteError as err:
        _fail(str(err))
    per_file = _per_file(opts.config_file, opts.select, opts.ignore, opts.mode, opts.keep_captions, opts.max_removal)
    return batch.Options(
        action,
        config,
        settings_for=per_file,
        encoding=codec,
        input_format=opts.input_format,
        text_key=opts.text_key,
        html_mode=opts.html_mode,
        **fields,  # type: ignore[arg-type]
    )


def _files(opts: RunOptions) -> batch.Selection:
    return _selection(
        opts.config_file, opts.glob, opts.exclude, opts.extend_exclude, opts.force_exclude, opts.gitignore
    )
