"""Which inputs a command reads and how: the one place paths, folders and stdin `-` are routed.

Every command asks `route` (clean, fix, check and explain): it says whether the run reads one stream
(stdin, or one file written to stdout) or walks a tree of files, and in which format, or refuses
with a message before anything is read or written.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import NoReturn

from cleaner.batch.options import Action, InputFormat, Options
from cleaner.batch.outputs import format_of
from cleaner.decoding import UnknownEncodingError, check_encoding
from cleaner.files import Selection, Task, discover, output_overlap

STDIN = "<stdin>"
"""What stdin is called in messages when --stdin-filename gives it no name."""


class RouteError(Exception):
    """The command line asks for what no run can do; nothing was read or written."""


@dataclass(frozen=True)
class Stream:
    """One input read as a stream, its result written to stdout: stdin (`path` None) or one file."""

    path: Path | None
    name: str
    """The input's name in messages: the file's path, or stdin's name."""
    input_format: InputFormat
    named: Path | None
    """The file whose folders hold its settings: the file itself, or the name given to stdin."""


@dataclass(frozen=True)
class Tree:
    """Files and folders, walked by discovery and processed file by file."""

    paths: tuple[Path, ...]

    def tasks(self, selection: Selection) -> Iterator[Task]:
        """The files of the tree, lazily and in order (see cleaner.files.discover); each call walks again."""
        return discover(self.paths, selection)


def route(paths: Sequence[Path], options: Options, stdin_name: str | None = None, one: bool = False) -> Stream | Tree:
    """Where `options.action`'s inputs come from. `one`: the command takes exactly one input
    (`explain`), always read as a stream. RouteError when the paths cannot be run."""
    stdin = [str(p) for p in paths] == ["-"]
    if stdin and not one and options.action is not Action.CLEAN:
        return _refuse_stdin(options)
    if stdin_name is not None and not stdin:
        raise RouteError(f"--stdin-filename names what '-' reads; give '-' as the {'path' if one else 'only path'}")
    if stdin:
        named = Path(stdin_name) if stdin_name else None
        chosen = options.input_format
        if named is not None and chosen is InputFormat.AUTO:
            chosen = format_by_name(named, options)  # as for a file of that name
        return Stream(None, stdin_name or STDIN, chosen, named)
    if one:
        (path,) = paths
        return Stream(path, str(path), format_by_name(path, options), path)
    if options.action is Action.CLEAN:
        if options.output is None and any(p.is_dir() for p in paths):
            raise RouteError("cleaning a folder needs -o/--output")
        single = options.output is None and len(paths) == 1 and paths[0].is_file()
        if single and format_by_name(paths[0], options) is InputFormat.JSONL:
            # A corpus of any size to stdout: streamed, never held whole in memory.
            return Stream(paths[0], str(paths[0]), InputFormat.JSONL, paths[0])
        if options.output is not None and (overlap := output_overlap(paths, options.output)):
            raise RouteError(
                f"{overlap}; nothing was written "
                "(write the cleaned tree elsewhere, or use `cleaner fix` to clean in place)"
            )
    if any(str(p) == "-" for p in paths):
        return _refuse_stdin(options)
    return Tree(tuple(paths))


def _refuse_stdin(options: Options) -> NoReturn:
    raise RouteError(f"'-' (stdin) works with `cleaner clean` only, not `cleaner {options.action}`")


def format_by_name(name: Path, options: Options) -> InputFormat:
    """The format a file of this name is read in: the forced --format, else .html and .jsonl by
    name; other names are text, with HTML sniffed (auto), as for files."""
    by_name = format_of(Task(name, PurePath(name.name)), options)
    return InputFormat.AUTO if by_name == "text" else InputFormat(by_name)


def checked_encoding(name: str | None) -> str | None:
    """The codec --encoding names, checked before any file is read; RouteError if there is none."""
    try:
        return check_encoding(name) if name else None
    except UnknownEncodingError as err:
        raise RouteError(str(err)) from None
