"""Finding input files, reading them safely, and writing outputs atomically."""

from __future__ import annotations

import contextlib
import fnmatch
import io
import os
import re
import signal
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from types import FrameType
from typing import IO

import pathspec

from cleaner import decoding


class InputError(Exception):
    """A file that cannot be cleaned; the message says which and why."""


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP: the run stops as on Ctrl-C, every file untouched or fully written."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


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


def read_text(path: Path, encoding: str | None = None) -> str:
    return read_decoded(path, encoding).text


def read_decoded(path: Path, encoding: str | None = None) -> decoding.Decoded:
    """The text of `path` with how it was decoded and any warning (see cleaner.decoding)."""
    return decode_detailed(read_bytes(path)[0], str(path), encoding)


def read_bytes(path: Path) -> tuple[bytes, os.stat_result]:
    """The file's bytes, and its status when opened (what `replacing` checks before writing over it)."""
    with open_regular(path) as handle:
        seen = os.fstat(handle.fileno())
        try:
            return handle.read(), seen
        except OSError as err:
            raise InputError(f"{path}: cannot read: {err.strerror or err}") from None


_KINDS = {
    stat.S_IFIFO: "a FIFO",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}


def open_regular(path: Path) -> io.BufferedReader:
    """`path` opened for reading; InputError unless it is a regular file. Opening does not block (a
    FIFO would wait for a writer) and the check is made on the open file, not on the name."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as err:
        raise InputError(f"{path}: cannot read: {err.strerror or err}") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = _KINDS.get(stat.S_IFMT(mode), "not a regular file")
        raise InputError(f"{path}: {kind}, not a regular file; skipped")
    os.set_blocking(fd, True)
    return open(fd, "rb")


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """Text from bytes in any encoding (see cleaner.decoding); InputError if it is not text."""
    return decode_detailed(data, name, encoding).text


def decode_detailed(data: bytes, name: str, encoding: str | None = None) -> decoding.Decoded:
    try:
        return decoding.decode_detailed(data, name, encoding)
    except decoding.NotTextError as err:
        raise InputError(str(err)) from None


# Stop signals that arrive inside `_signals_held` wait for its end: the kernel holds them for this
# thread, and a handler wrapped by `deferred` (needed when another thread, a progress bar's, takes
# the signal) notes them here; the end of the block delivers them.
_held_depth = 0
_pending: int | None = None

SignalHandler = Callable[[int, FrameType | None], None]


def deferred(handler: Callable[[int], None]) -> SignalHandler:
    """A signal handler that runs `handler`, or, inside a write, right after it."""

    def run(signum: int, _frame: FrameType | None) -> None:
        global _pending
        if _held_depth:
            _pending = signum
        else:
            handler(signum)

    return run


def stop_signal(signum: int) -> None:
    """The CLI's handler for SIGINT, SIGTERM and SIGHUP (wrap it in `deferred`)."""
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Terminated(signum)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C, SIGTERM and SIGHUP until the block ends, so a write is never left half done and
    no temporary file is left behind; the signal is delivered right after."""
    global _held_depth, _pending
    held = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    _held_depth += 1
    try:
        yield
    finally:
        _held_depth -= 1
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        if _pending is not None and not _held_depth:
            signum, _pending = _pending, None
            handler = signal.getsignal(signum)
            if callable(handler):
                handler(signum, None)


signals_held = _signals_held
"""Stop signals wait for the end of the block (see `_signals_held`)."""


@contextlib.contextmanager
def replacing(
    path: Path, unchanged_since: os.stat_result | None = None
) -> Iterator[tuple[IO[bytes], Callable[[], None]]]:
    """A binary handle on a temporary file beside `path`, and a `commit` that renames it over `path`.

    Readers see the old file or the new one, never half; an existing file keeps its owner, group and
    permissions (InputError, and the file left as it is, where they cannot be kept), and a symlink
    keeps pointing at the file it names. With `unchanged_since` (the status of `path` when it was
    read), a file edited or replaced since is left as it is (InputError). Without a commit, or on an
    error or a stop signal, the temporary file goes.
    """
    if path.is_symlink():
        path = path.resolve()  # renaming onto the link would replace the link itself with a file
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        old: os.stat_result | None = path.stat()
    except FileNotFoundError:
        old = None
    mode = old.st_mode & 0o7777 if old is not None else 0o666 & ~_umask()
    tmp: str | None = None
    handle: IO[bytes] | None = None
    committed = False

    def commit() -> None:
        nonlocal committed
        assert handle is not None and tmp is not None
        handle.close()
        with _signals_held():
            if unchanged_since is not None and not _unchanged(path, unchanged_since):
                if not _same_bytes(path, tmp):
                    raise InputError(f"{path}: changed while it was being cleaned; left as it is, with the change")
                # Changed, but into what this write holds (the same file reached twice in a run, by
                # a link inside the tree, and fixed by another worker): nothing to do, nothing lost.
                os.unlink(tmp)
                committed = True
                return
            if old is not None:
                _keep_owner(tmp, old, path)
            os.chmod(tmp, mode)  # after chown, which clears set-user-id and set-group-id bits
            os.replace(tmp, path)
            committed = True

    try:
        with _signals_held():  # a stop between making the file and knowing its name would leave it
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            handle = os.fdopen(fd, "wb")
        yield handle, commit
    finally:
        with _signals_held():
            if handle is not None:
                handle.close()
            if tmp is not None and not committed:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)


def _unchanged(path: Path, seen: os.stat_result) -> bool:
    """Whether `path` is still the file that was read: the same size, time and inode. (An edit landing
    between this check and the rename is not seen; the window is that of a stat.)"""
    try:
        now = os.stat(path)
    except FileNotFoundError:
        return False
    before = (seen.st_ino, seen.st_dev, seen.st_size, seen.st_mtime_ns)
    return (now.st_ino, now.st_dev, now.st_size, now.st_mtime_ns) == before


def _same_bytes(path: Path, tmp: str) -> bool:
    try:
        if os.stat(path).st_size != os.stat(tmp).st_size:
            return False
        with open(path, "rb") as a, open(tmp, "rb") as b:
            while True:
                block = a.read(1 << 20)
                if block != b.read(1 << 20):
                    return False
                if not block:
                    return True
    except FileNotFoundError:
        return False


def _keep_owner(tmp: str, old: os.stat_result, path: Path) -> None:
    made = os.stat(tmp)
    if (made.st_uid, made.st_gid) == (old.st_uid, old.st_gid):
        return
    try:
        os.chown(tmp, old.st_uid, old.st_gid)
    except OSError as err:
        raise InputError(
            f"{path}: cannot keep its owner and group ({old.st_uid}:{old.st_gid}): {err.strerror or err}; left as it is"
        ) from None


def atomic_write(path: Path, text: str, unchanged_since: os.stat_result | None = None) -> None:
    """Write `text` as UTF-8 through `replacing`, with Ctrl-C held until the file is whole or gone."""
    with _signals_held(), replacing(path, unchanged_since) as (handle, commit):
        handle.write(text.encode("utf-8"))
        commit()


def check_writable(path: Path) -> None:
    """InputError unless `atomic_write` could write `path`: its folder made, a temporary file beside
    it, an existing file's owner kept. Checked before a run, so that its report is not lost after."""
    target = path.resolve() if path.is_symlink() else path
    if target.is_dir():
        raise InputError(f"{path}: is a folder")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as err:
        raise InputError(f"{path}: cannot write there: {err.strerror or err}") from None
    os.close(fd)
    try:
        with contextlib.suppress(FileNotFoundError):
            _keep_owner(tmp, target.stat(), path)
    finally:
        os.unlink(tmp)


def _umask() -> int:
    """The process umask (reading it means setting it; set it straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


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
