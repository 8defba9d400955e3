"""Finding input files, reading them safely, and writing outputs atomically."""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import IO

from cleaner import decoding


class InputError(Exception):
    """A file that cannot be cleaned; the message says which and why."""


@dataclass(frozen=True)
class Task:
    source: Path
    relative: PurePath
    """Where the output goes under the output folder: the path below the folder given."""


def _matches(path: PurePath, glob: str) -> bool:
    """`glob` may list several patterns separated by commas ("*.txt,*.html")."""
    return any(path.match(g) or PurePath(path.name).match(g) for g in glob.split(",") if g)


def discover(paths: Iterable[Path], glob: str = "*.txt") -> Iterator[Task]:
    """Files named directly, and files under folders that match `glob`, in sorted order (that of
    sorting every path found). Lazy: a folder is listed only when the walk reaches it, so memory
    holds the folders being walked, never the whole tree (runs over millions of files)."""
    for root in paths:
        if root.is_dir():
            for relative in _walk(root, PurePath()):
                if _matches(relative, glob):
                    yield Task(root / relative, relative)
        else:
            yield Task(root, PurePath(root.name))


def _walk(root: Path, below: PurePath) -> Iterator[PurePath]:
    """Files under root/below, relative to root, depth first with each folder's entries sorted by name.
    Sorted paths compare part by part, and a file and a folder never share a name in one folder, so
    this is the order of sorting them all. Like Path.rglob: symlinked files count, symlinked folders
    are not entered, an unreadable folder is skipped."""
    try:
        with os.scandir(root / below) as listing:
            # name -> is a folder to enter; only files and real folders are kept
            entries = {e.name: not e.is_file() for e in listing if e.is_file() or _real_folder(e)}
    except PermissionError:
        return
    for name in sorted(entries):
        if entries[name]:
            yield from _walk(root, below / name)
        else:
            yield below / name


def _real_folder(entry: os.DirEntry[str]) -> bool:
    return entry.is_dir() and not entry.is_symlink()


def read_text(path: Path, encoding: str | None = None) -> str:
    return read_decoded(path, encoding).text


def read_decoded(path: Path, encoding: str | None = None) -> decoding.Decoded:
    """The text of `path` with how it was decoded and any warning (see cleaner.decoding)."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot read: {err.strerror or err}") from None
    return decode_detailed(data, str(path), encoding)


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """Text from bytes in any encoding (see cleaner.decoding); InputError if it is not text."""
    return decode_detailed(data, name, encoding).text


def decode_detailed(data: bytes, name: str, encoding: str | None = None) -> decoding.Decoded:
    try:
        return decoding.decode_detailed(data, name, encoding)
    except decoding.NotTextError as err:
        raise InputError(str(err)) from None


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM until the block ends, so a write is never left half done;
    the signal is delivered right after."""
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[tuple[IO[bytes], Callable[[], None]]]:
    """A binary handle on a temporary file beside `path`, and a `commit` that renames it over `path`.

    Readers see the old file or the new one, never half; an existing file keeps its permissions, and a
    symlink keeps pointing at the file it names. Without a commit, or on an error, the temporary file goes.
    """
    if path.is_symlink():
        path = path.resolve()  # renaming onto the link would replace the link itself with a file
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    handle = os.fdopen(fd, "wb")
    committed = False

    def commit() -> None:
        nonlocal committed
        handle.close()
        os.chmod(tmp, mode)
        os.replace(tmp, path)
        committed = True

    try:
        yield handle, commit
    finally:
        handle.close()
        if not committed:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)


def atomic_write(path: Path, text: str) -> None:
    """Write `text` as UTF-8 through `replacing`, with Ctrl-C held until the file is whole or gone."""
    with _signals_held(), replacing(path) as (handle, commit):
        handle.write(text.encode("utf-8"))
        commit()


def _umask() -> int:
    """The process umask (reading it means setting it; set it straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
