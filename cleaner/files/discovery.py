"""Finding input files: paths named, folders walked, exclude patterns and .gitignore files."""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pathspec  # imported where a walk needs it: a stream on stdin never does (start-up time)


@dataclass(frozen=True)
class Task:
    source: Path
    relative: PurePath
    """Where the output goes under the output folder: the path below the folder given."""
    skip: str | None = None
    """Set when discovery found this path but cannot take it: the message names it and says why."""
    skip_is_error: bool = False
    """The skip is an error (exit 2: a folder that cannot be listed, a symlink loop), not a warning."""
    tree: str | None = field(default=None, compare=False)
    """For a file found in a folder given: that folder's real path, which `fix` never writes outside."""


DEFAULT_EXCLUDES = (
    # Version control, virtual environments, tool caches and build output, as black and ruff leave out.
    ".git", ".hg", ".svn", ".bzr", ".jj", ".venv", "venv", ".env", ".direnv", ".eggs", "*.egg-info",
    "node_modules", "__pycache__", "__pypackages__", ".tox", ".nox", ".mypy_cache", ".ruff_cache",
    ".pytest_cache", ".pytype", ".ipynb_checkpoints", ".vscode", ".idea", "_build", "buck-out", "build",
    "dist", "site-packages",
)  # fmt: skip


@dataclass(frozen=True)
class Selection:
    """Which files discovery takes: `glob` picks files in folders; `exclude` (gitignore-style patterns)
    leaves out files and whole folders found by the walk; `.gitignore` files are read when `gitignore`.
    Paths named explicitly are always taken, unless `force_exclude`."""

    glob: str = "*.txt"
    exclude: tuple[str, ...] = DEFAULT_EXCLUDES
    gitignore: bool = True
    force_exclude: bool = False

    def spec(self) -> pathspec.GitIgnoreSpec:
        return _spec(self.exclude)


def _spec(patterns: Iterable[str]) -> pathspec.GitIgnoreSpec:
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(list(patterns))


def _matches(path: PurePath, glob: str) -> bool:
    """`glob` may list several patterns separated by commas ("*.txt,*.html")."""
    return any(path.match(g) or PurePath(path.name).match(g) for g in glob.split(",") if g)


def discover(paths: Iterable[Path], glob: str | Selection = "*.txt") -> Iterator[Task]:
    """Files named directly, and files under folders that `selection` takes, in sorted order (that of
    sorting every path found). Lazy: a folder is listed only when the walk reaches it, so memory
    holds the folders being walked, never the whole tree (runs over millions of files).

    What cannot be taken comes as a Task with `skip` set, in its place in the order: a folder that
    cannot be listed and a symlink loop (errors), a symlink to a file outside the tree (a warning)."""
    selection = glob if isinstance(glob, Selection) else Selection(glob)
    exclude = selection.spec()
    for root in paths:
        if selection.force_exclude and _excluded_explicit(root, exclude):
            continue
        if root.is_dir():
            walk = _Walk(root, selection, exclude)
            for relative, skip in walk.files(PurePath(), []):
                if skip is None:
                    yield Task(root / relative, relative, tree=walk.real_root)
                else:
                    yield Task(root / relative, relative, skip.message, skip.error)
        else:
            yield Task(root, PurePath(root.name))


def _excluded_explicit(path: Path, exclude: pathspec.GitIgnoreSpec) -> bool:
    """--force-exclude: a path given explicitly is matched as written relative to the current folder
    (every folder in it counts), or as its absolute path when it lies elsewhere."""
    absolute = Path(os.path.abspath(path))
    try:
        shown = absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        shown = absolute.as_posix().lstrip("/")
    if shown in ("", "."):
        return False
    return bool(exclude.match_file(shown + "/" if path.is_dir() else shown))


@dataclass(frozen=True)
class _Skip:
    message: str
    error: bool


class _Walk:
    """One folder given on the command line, walked depth first with each folder's entries sorted by
    name. Sorted paths compare part by part, and a file and a folder never share a name in one folder,
    so this is the order of sorting them all. Symlinked files inside the tree count; symlinked folders
    are not entered; nothing outside the tree is followed."""

    def __init__(self, root: Path, selection: Selection, exclude: pathspec.GitIgnoreSpec) -> None:
        self.root, self.selection, self.exclude = root, selection, exclude
        self.real_root = os.path.realpath(root)
        self.by_name = _name_patterns(selection.exclude)

    def files(
        self, below: PurePath, ignores: list[tuple[PurePath, pathspec.GitIgnoreSpec]]
    ) -> Iterator[tuple[PurePath, _Skip | None]]:
        folder = self.root / below
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as err:
            yield below, _Skip(f"{folder}: cannot list folder: {err.strerror or err}", error=True)
            return
        if self.selection.gitignore and any(e.name == ".gitignore" for e in entries):
            ignores = [*ignores, (below, _read_gitignore(folder / ".gitignore"))]
        for entry in entries:
            relative = below / entry.name
            kind = self._kind(entry)
            if kind is None or self._ignored(relative, ignores, folder=kind == "folder"):
                continue
            if kind == "folder":
                yield from self.files(relative, ignores)
            elif _matches(relative, self.selection.glob):
                yield relative, kind if isinstance(kind, _Skip) else None

    def _kind(self, entry: os.DirEntry[str]) -> str | _Skip | None:
        """ "file", "folder" (a real one, to enter), None (anything else, passed over), or why a
        symlink is not taken."""
        try:
            if not entry.is_symlink():
                if entry.is_dir(follow_symlinks=False):
                    return "folder"
                return "file" if entry.is_file(follow_symlinks=False) else None
            target = os.stat(entry.path)  # follows the link; a loop or a dangling link raises
        except OSError as err:
            return _Skip(f"{entry.path}: cannot follow symbolic link: {err.strerror or err}", error=True)
        if not stat.S_ISREG(target.st_mode):
            return None  # a symlinked folder is not entered (as with Path.rglob)
        real = os.path.realpath(entry.path)
        if not inside(real, self.real_root):
            return _Skip(f"{entry.path}: symbolic link to {real}, outside {self.root}; not followed", error=False)
        return "file"

    def _ignored(
        self, relative: PurePath, ignores: list[tuple[PurePath, pathspec.GitIgnoreSpec]], folder: bool
    ) -> bool:
        """Excluded by the patterns (matched below the folder given), or by the nearest .gitignore that
        has a say (each matched below its own folder; a deeper file overrides, `!` re-includes)."""
        tail = "/" if folder else ""
        if self.by_name is not None:
            if self.by_name[folder].match(relative.name):
                return True
        elif self.exclude.match_file(relative.as_posix() + tail):
            return True
        for base, spec in reversed(ignores):
            verdict = spec.check_file(relative.relative_to(base).as_posix() + tail).include
            if verdict is not None:
                return verdict
        return False


def inside(real: str, tree: str) -> bool:
    """Whether the real path `real` is the real path `tree` or lies under it."""
    return real == tree or real.startswith(tree.rstrip(os.sep) + os.sep)


def _name_patterns(patterns: Iterable[str]) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """When every pattern only names files or folders (`build`, `*.egg-info`, `drafts/`: no `!`, no
    slash inside, no escape), one regex on the name does the work of the gitignore matcher, at a
    fraction of its cost a file (the walk has already tested every folder above). Index 0 is for files,
    1 for folders. None when a pattern needs the full matcher."""
    files: list[str] = []
    folders: list[str] = []
    for pattern in patterns:
        if not pattern or pattern.startswith("#"):
            continue
        name = pattern.removesuffix("/")
        if pattern != pattern.strip() or pattern.startswith("!") or "/" in name or "\\" in name or not name:
            return None
        folders.append(fnmatch.translate(name))
        if name == pattern:
            files.append(fnmatch.translate(name))
    never = r"(?!)"
    return re.compile("|".join(files) or never), re.compile("|".join(folders) or never)


def _read_gitignore(path: Path) -> pathspec.GitIgnoreSpec:
    try:
        return _spec(path.read_text(encoding="utf-8", errors="replace").splitlines())
    except OSError:
        return _spec([])  # an unreadable .gitignore excludes nothing, as git does


def output_overlap(inputs: Iterable[Path], output: Path) -> str | None:
    """Why `output` cannot take the cleaned tree of `inputs`, if it cannot: it is an input folder,
    lies inside one (the next run would read its own outputs), or holds an input (outputs would land
    on inputs). Paths are compared resolved, so symlinks and `..` do not hide an overlap."""
    out = output.resolve()
    for given in inputs:
        source = given.resolve()
        if source == out:
            return f"the output folder {output} is the input {given}"
        if source.is_dir() and source in out.parents:
            return f"the output folder {output} lies inside the input folder {given}"
        if out in source.parents:
            return f"the output folder {output} holds the input {given}"
    return None
