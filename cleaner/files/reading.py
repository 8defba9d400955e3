"""Reading inputs safely: regular files only, never blocking, decoded from any encoding."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

from cleaner import decoding


class InputError(Exception):
    """A file that cannot be cleaned; the message says which and why."""


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
