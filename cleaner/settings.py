"""Loading and checking the configuration: `[tool.cleaner]` in the nearest pyproject.toml, or a TOML file.

Everything is checked before a run starts, so a bad configuration stops the run before any file
is touched. The CLI turns `SettingsError` into a message and exit code 2.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from cleaner import registry
from cleaner.config import Config, Mode, UserRule, UserRuleKind
from cleaner.rules.patterns import FLAGS

_FILE_KEYS = {"exclude", "extend-exclude", "force-exclude", "respect-gitignore"}
"""Keys that choose files, not how they are cleaned (see `FileSettings`)."""
_TOP_KEYS = {"select", "ignore", "keep-captions", "mode", "max-removal", "thresholds", "rules", *_FILE_KEYS}
_RULE_KEYS = {"id", "name", "kind", "patterns", "description"}
_RULE_ID = regex.compile(r"[A-Z]{1,4}[0-9]{1,4}")
_RULE_NAME = regex.compile(r"[a-z][a-z0-9_-]*(?:\.[a-z0-9_-]+)+")


class SettingsError(ValueError):
    """A configuration that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class FileSettings:
    """Which files a run takes, from `exclude`, `extend-exclude`, `force-exclude` and `respect-gitignore`."""

    exclude: tuple[str, ...] | None = None
    """Replaces the default excludes when set."""
    extend_exclude: tuple[str, ...] = ()
    force_exclude: bool = False
    respect_gitignore: bool = True


@dataclass(frozen=True)
class Loaded:
    config: Config
    source: Path | None
    """The file the settings came from, or None for the defaults."""
    files: FileSettings = FileSettings()


CONFIG_NAME = "cleaner.toml"
"""A settings file of its own, for folders of captures that have no pyproject.toml: the keys of
[tool.cleaner] at its top level."""


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above `start` that has a [tool.cleaner] table."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and "cleaner" in _read_toml(candidate).get("tool", {}):
            return candidate
    return None


def find_config(folder: Path) -> Path | None:
    """The settings file for files in `folder` (absolute), as ruff finds its own: in the nearest
    folder at or above it that has a cleaner.toml or a pyproject.toml with a [tool.cleaner] table;
    where a folder has both, cleaner.toml. None: no such folder, the defaults apply."""
    return _find_config(folder)


@lru_cache(maxsize=4096)
def _find_config(folder: Path) -> Path | None:
    # Cached per folder, and each folder asks its parent: a tree of any size reads each folder's
    # candidates once.
    own = folder / CONFIG_NAME
    if own.is_file():
        return own
    candidate = folder / "pyproject.toml"
    if candidate.is_file() and "cleaner" in _read_toml(candidate).get("tool", {}):
        return candidate
    return None if folder.parent == folder else _find_config(folder.parent)


def load(config_file: Path | None = None, cwd: Path | None = None) -> Loaded:
    """Settings from `config_file` if given, else from the nearest pyproject.toml, else defaults."""
    if config_file is not None:
        data = _read_toml(config_file)
        if config_file.name == "pyproject.toml":
            table = data.get("tool", {}).get("cleaner")
            if table is None:
                raise SettingsError(f"{config_file}: no [tool.cleaner] table")
            return _loaded(table, f"{config_file} [tool.cleaner]", config_file)
        return _loaded(data, str(config_file), config_file)
    found = find_config((cwd or Path.cwd()).resolve())
    if found is None:
        return Loaded(Config(), None)
    return load_file(found)


def load_file(found: Path) -> Loaded:
    """Settings from a file `find_config` found (cached: each file is read and checked once)."""
    return _load_file(found)


@lru_cache(maxsize=256)
def _load_file(found: Path) -> Loaded:
    if found.name == "pyproject.toml":
        return _loaded(_read_toml(found)["tool"]["cleaner"], f"{found} [tool.cleaner]", found)
    return _loaded(_read_toml(found), str(found), found)


@dataclass(frozen=True)
class Overrides:
    """The settings given on the command line, which win over every settings file."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    mode: Mode | None = None
    keep_captions: bool | None = None
    max_removal: float | None = None

    def apply(self, config: Config) -> Config:
        return with_overrides(
            config,
            select=self.select,
            ignore=self.ignore,
            mode=self.mode,
            keep_captions=self.keep_captions,
            max_removal=self.max_removal,
        )


@dataclass(frozen=True)
class PerFile:
    """Each file's settings from its own folders (see `find_config`), under the command line's
    overrides. Picklable, so worker processes look settings up themselves."""

    overrides: Overrides = Overrides()

    def __call__(self, path: Path) -> Config:
        return _config_for(self.overrides, self.source(path))

    def source(self, path: Path) -> Path | None:
        return find_config(Path(os.path.abspath(path)).parent)


def forget() -> None:
    """Drop what was read: settings files may have changed since (a long-lived process, tests)."""
    for cached in (_find_config, _load_file, _config_for):
        cached.cache_clear()


@lru_cache(maxsize=256)
def _config_for(overrides: Overrides, found: Path | None) -> Config:
    return overrides.apply(Config() if found is None else load_file(found).config)


def _loaded(table: Mapping[str, Any], where: str, source: Path) -> Loaded:
    return Loaded(from_table(table, where), source, file_settings(table, where))


def file_settings(table: Mapping[str, Any], where: str) -> FileSettings:
    """The file-choosing keys of a [tool.cleaner]-style table, checked."""
    return FileSettings(
        exclude=_strings(table, "exclude", where) if "exclude" in table else None,
        extend_exclude=_strings(table, "extend-exclude", where),
        force_exclude=_bool(table, "force-exclude", where),
        respect_gitignore=_bool(table, "respect-gitignore", where, default=True),
    )


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as err:
        raise SettingsError(f"{path}: cannot read: {err.strerror or err}") from None
    except tomllib.TOMLDecodeError as err:
        raise SettingsError(f"{path}: not valid TOML: {err}") from None


def from_table(table: Mapping[str, Any], where: str) -> Config:
    """A checked Config from a [tool.cleaner]-style table; `where` names it in messages."""
    unknown = sorted(set(table) - _TOP_KEYS)
    if unknown:
        raise SettingsError(f"{where}: unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(_TOP_KEYS))}")
    cfg = Config(
        select=_strings(table, "select", where),
        ignore=_strings(table, "ignore", where),
        keep_captions=_bool(table, "keep-captions", where),
        mode=_mode(table.get("mode", Mode.DEFAULT.value), where),
        rules=tuple(_user_rule(entry, f"{where} rules[{i}]") for i, entry in enumerate(_list(table, "rules", where))),
    )
    cfg = replace(cfg, thresholds=_thresholds(table.get("thresholds", {}), cfg, where))
    if "max-removal" in table:
        cfg = replace(cfg, max_removal=_fraction(table["max-removal"], f"{where} max-removal"))
    return checked(cfg, where)


def checked(config: Config, where: str) -> Config:
    """`config` after checking that its user rules do not clash and its selectors name rules."""
    builtin_ids = {r.id for r in registry.BUILTIN}
    builtin_names = {r.name for r in registry.BUILTIN}
    seen: set[str] = set()
    for user in config.rules:
        if user.id in builtin_ids or user.id in seen:
            raise SettingsError(f"{where}: rule id {user.id} is already taken")
        if user.name in builtin_names:
            raise SettingsError(f"{where}: rule name {user.name} is already taken")
        seen.add(user.id)
    try:
        registry.check_selectors([*config.select, *config.ignore], registry.all_rules(config))
    except registry.UnknownRuleError as err:
        raise SettingsError(f"{where}: {err}") from None
    return config


def with_overrides(
    config: Config,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    mode: Mode | None = None,
    keep_captions: bool | None = None,
    max_removal: float | None = None,
) -> Config:
    """Command-line values replace the configured ones (a given --select replaces `select` whole)."""
    changes: dict[str, Any] = {}
    if select:
        changes["select"] = tuple(_split(select))
    if ignore:
        changes["ignore"] = tuple(_split(ignore))
    if mode is not None:
        changes["mode"] = mode
    if keep_captions is not None:
        changes["keep_captions"] = keep_captions
    if max_removal is not None:
        changes["max_removal"] = max_removal
    return checked(replace(config, **changes), "command line")


def _split(values: Sequence[str]) -> list[str]:
    """`--select a,b --select c` and `["a", "b"]` both mean three selectors."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _strings(table: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SettingsError(f"{where}: {key} must be a list of strings")
    return tuple(_split(value))


def _bool(table: Mapping[str, Any], key: str, where: str, default: bool = False) -> bool:
    value = table.get(key, default)
    if not isinstance(value, bool):
        raise SettingsError(f"{where}: {key} must be true or false")
    return value


def _list(table: Mapping[str, Any], key: str, where: str) -> list[Any]:
    value = table.get(key, [])
    if not isinstance(value, list):
        raise SettingsError(f"{where}: {key} must be an array of tables ([[tool.cleaner.{key}]])")
    return value


def _mode(value: Any, where: str) -> Mode:
    try:
        return Mode(value)
    except ValueError:
        raise SettingsError(f"{where}: mode must be one of {', '.join(m.value for m in Mode)}, not {value!r}") from None


def _fraction(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
        raise SettingsError(f"{where}: must be a number above 0 and at most 1, not {value!r}")
    return float(value)


def _user_rule(entry: Any, where: str) -> UserRule:
    if not isinstance(entry, dict):
        raise SettingsError(f"{where}: must be a table with id, kind and patterns")
    unknown = sorted(set(entry) - _RULE_KEYS)
    if unknown:
        raise SettingsError(f"{where}: unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(_RULE_KEYS))}")
    rule_id = entry.get("id")
    if not isinstance(rule_id, str) or not _RULE_ID.fullmatch(rule_id):
        raise SettingsError(f"{where}: id must be letters and digits like US001, not {rule_id!r}")
    name = entry.get("name", f"user.{rule_id.lower()}")
    if not isinstance(name, str) or not _RULE_NAME.fullmatch(name):
        raise SettingsError(f"{where}: name must be dotted lowercase like user.newsletter, not {name!r}")
    try:
        kind = UserRuleKind(str(entry.get("kind")))
    except ValueError:
        raise SettingsError(f"{where}: kind must be 'line' (drop whole lines) or 'inline' (strip markers)") from None
    patterns = _strings(entry, "patterns", where)
    if not patterns:
        raise SettingsError(f"{where}: patterns must list at least one regular expression")
    for pattern in patterns:
        try:
            regex.compile(pattern, FLAGS)
        except regex.error as err:
            raise SettingsError(f"{where}: pattern {pattern!r} does not compile: {err}") from None
    description = entry.get("description", "")
    if not isinstance(description, str):
        raise SettingsError(f"{where}: description must be a string")
    return UserRule(rule_id, name, kind, patterns, description)


def _thresholds(value: Any, config: Config, where: str) -> dict[str, float]:
    """Each key names a rule parameter as `ID.param` or `dotted.name.param`; anything else is an error."""
    if not isinstance(value, dict):
        raise SettingsError(f"{where}: thresholds must be a table of `RULE.param = number`")
    known = {
        f"{key}.{param}": rule
        for rule in registry.all_rules(config)
        for param in rule.params
        for key in (rule.id, rule.name)
    }
    out: dict[str, float] = {}
    for key, number in value.items():
        if key not in known:
            tunable = sorted(k for k in known if k[:1].isupper())
            raise SettingsError(f"{where}: unknown threshold {key!r}; tunable: {', '.join(tunable) or 'none'}")
        if isinstance(number, bool) or not isinstance(number, int | float):
            raise SettingsError(f"{where}: threshold {key} must be a number, not {number!r}")
        out[key] = float(number)
    return out
