"""Writing outputs safely: atomic renames, owner and permissions kept, edits made meanwhile kept."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from cleaner.files.reading import InputError
from cleaner.files.signals import signals_held


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
    try:
        old: os.stat_result | None = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):  # (a file where its folder should be: see below)
        old = None
    if old is not None and stat.S_ISLNK(old.st_mode):
        path = path.resolve()  # renaming onto the link would replace the link itself with a file
        try:
            old = path.stat()
        except FileNotFoundError:
            old = None
    tmp: str | None = None
    handle: IO[bytes] | None = None
    committed = False

    def commit() -> None:
        nonlocal committed
        assert handle is not None and tmp is not None
        handle.close()
        with signals_held():
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
                os.chmod(tmp, old.st_mode & 0o7777)  # after chown, which clears set-user-id and set-group-id bits
            os.replace(tmp, path)
            committed = True

    try:
        with signals_held():  # a stop between making the file and knowing its name would leave it
            fd, tmp = _temporary_beside(path, private=old is not None)
            handle = os.fdopen(fd, "wb")
        yield handle, commit
    finally:
        with signals_held():
            if handle is not None:
                handle.close()
            if tmp is not None and not committed:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)


def _temporary_beside(path: Path, private: bool) -> tuple[int, str]:
    """A new file beside `path` (its folder made if missing), open to write, and its name. Made as
    mkstemp makes one (a random name, never an existing file or a link), with the mode a new file
    gets from the umask, or, where it is to replace a file (`private`), readable by its owner only
    until it takes that file's mode."""
    mode = 0o600 if private else 0o666
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    for _ in range(100):
        name = os.path.join(path.parent, f".{path.name}.{os.urandom(4).hex()}.tmp")
        try:
            return os.open(name, flags, mode), name
        except FileExistsError:
            continue
        except (FileNotFoundError, NotADirectoryError):  # the folder's first file: make it (or fail
            path.parent.mkdir(parents=True, exist_ok=True)  # as making it does), then try again
    raise FileExistsError(errno.EEXIST, "no unused temporary name", str(path.parent))


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
    with signals_held(), replacing(path, unchanged_since) as (handle, commit):
        handle.write(text.encode("utf-8"))
        commit()


def check_writable(path: Path) -> None:
    """InputError unless `atomic_write` could write `path`: its folder made, a temporary file beside
    it, an existing file's owner kept. Checked before a run, so that its report is not lost after."""
    import tempfile

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
