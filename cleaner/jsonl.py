"""JSONL corpora (datatrove, Dolma and most data pipelines): one document per line, one field cleaned.

Streams line by line, so memory stays flat whatever the file size (gzip in and out). A line that is
not a JSON object is never dropped: it is passed through unchanged, counted and reported by line
number. A record whose text the rules leave alone is written back byte for byte, so a second run
changes nothing; in a record they change, only the text's value is replaced inside the original
line, so numbers (`1e400`), key order, duplicate keys, escapes and spacing elsewhere stay as they
were, and so does each line's ending. A gzip stream cut short is cleaned up to its last complete
line and reported as incomplete (IncompleteError).

This module is the stream (lines in, lines out, the report, gzip and files); the splicing of a
record's text back into its line is cleaner.jsonl_splice, and a line too long to hold whole as a
str takes cleaner.jsonl_big.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, cast

from cleaner import jsonl_big
from cleaner.files import open_regular, replacing
from cleaner.jsonl_splice import json_string, record_text, value_span

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
GZIP_MAGIC = b"\x1f\x8b"
DEFAULT_TEXT_KEY = "text"
# Enough line numbers to find the bad lines; a file full of them is summarised by the count.
MAX_LISTED = 20
# gzip's default level 9 costs several times level 6 in time for a percent or two of size.
GZIP_LEVEL = 6
# Records travel to worker processes in chunks this big: large enough that pickling is cheap
# next to cleaning, small enough that a few chunks in flight per worker keep memory flat.
CHUNK_BYTES = 1 << 20


LinesCleaner = Callable[[Iterable[bytes], Callable[[bytes], object]], "JsonlReport"]
"""Cleans the lines it reads, writing each result line, and reports (see clean_lines)."""


class JsonlError(Exception):
    """A JSONL file that cannot be streamed (unreadable, corrupt gzip); the message names it."""


class IncompleteError(JsonlError):
    """A compressed corpus that ends early or is corrupt: the lines before the break were cleaned
    (and, where the message says so, written); `report` counts them."""

    def __init__(self, message: str, report: JsonlReport, written: bool) -> None:
        super().__init__(message)
        self.report = report
        self.written = written


@dataclass
class JsonlReport:
    records: int = 0
    """Lines that held a JSON object."""
    changed: int = 0
    """Records whose text the rules changed."""
    malformed: int = 0
    """Lines passed through unchanged because they are not a JSON object (or not UTF-8)."""
    malformed_lines: list[int] = field(default_factory=list)
    """The first MAX_LISTED of those, 1-based."""
    without_text: int = 0
    """Records with no string under the text key, passed through unchanged."""
    bytes_in: int = 0
    bytes_out: int = 0

    def merge(self, other: JsonlReport) -> None:
        """Add the counts of a later chunk of the same file."""
        self.records += other.records
        self.changed += other.changed
        self.malformed += other.malformed
        self.malformed_lines.extend(other.malformed_lines[: MAX_LISTED - len(self.malformed_lines)])
        self.without_text += other.without_text
        self.bytes_in += other.bytes_in
        self.bytes_out += other.bytes_out

    def warnings(self, name: str, text_key: str = DEFAULT_TEXT_KEY) -> list[str]:
        found: list[str] = []
        if self.malformed:
            listed = ", ".join(map(str, self.malformed_lines))
            more = f" (first {MAX_LISTED} listed)" if self.malformed > len(self.malformed_lines) else ""
            found.append(f"{name}: {self.malformed} malformed line(s) passed through unchanged, line(s) {listed}{more}")
        if self.without_text:
            found.append(
                f"{name}: {self.without_text} record(s) without a string {text_key!r} field, left as they were"
            )
        return found


def chunks(lines: Iterable[bytes], size: int | None = None) -> Iterator[tuple[int, list[bytes]]]:
    """Consecutive lines in chunks of about `size` bytes (CHUNK_BYTES), each with the line number it starts at."""
    size = size or CHUNK_BYTES
    chunk: list[bytes] = []
    held = 0
    first = 1
    for number, line in enumerate(lines, start=1):
        chunk.append(line)
        held += len(line)
        if held >= size:
            yield first, chunk
            chunk, held, first = [], 0, number + 1
    if chunk:
        yield first, chunk


def is_jsonl_name(name: str) -> bool:
    return name.lower().endswith(JSONL_SUFFIXES)


def clean_lines(
    lines: Iterable[bytes],
    write: Callable[[bytes], object],
    clean: Callable[[str], str],
    text_key: str = DEFAULT_TEXT_KEY,
    first_number: int = 1,
) -> JsonlReport:
    """Clean `text_key` of each JSON line read from `lines`, writing each result line to `write`.
    `first_number` is the line number of the first line (for a chunk of a larger file)."""
    report = JsonlReport()
    for number, raw in enumerate(lines, start=first_number):
        report.bytes_in += len(raw)
        # jsonl_big.BIG_LINE read as the line comes: a setting changed at run time (tests, bench) holds.
        big = jsonl_big.clean_big_line(raw, number, clean, text_key) if len(raw) > jsonl_big.BIG_LINE else None
        if big is not None:
            out, changed = big
            report.records += 1
            report.changed += changed
            report.bytes_out += len(out)
            write(out)
            continue
        body = raw.rstrip(b"\r\n")
        # Each line keeps its own ending (LF, CRLF, or none on a last line): none of that is a change.
        ending = raw[len(body) :]
        if number == 1:
            body = body.removeprefix(b"\xef\xbb\xbf")
        out = _clean_line(body, number, clean, text_key, report) + ending
        report.bytes_out += len(out)
        write(out)
    return report


def _clean_line(body: bytes, number: int, clean: Callable[[str], str], text_key: str, report: JsonlReport) -> bytes:
    if not body.strip():
        return body  # a blank line separates nothing and holds nothing: left as it is
    try:
        line = body.decode("utf-8")
        record = json.loads(line)
    except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        record = None
    if not isinstance(record, dict):
        report.malformed += 1
        if len(report.malformed_lines) < MAX_LISTED:
            report.malformed_lines.append(number)
        return body
    report.records += 1
    text = record.get(text_key)
    if not isinstance(text, str):
        report.without_text += 1
        return body
    cleaned = record_text(text, clean(text))
    if cleaned == text:
        return body
    report.changed += 1
    start, end = value_span(line, text_key)
    new = json_string(cleaned, ascii_only=line[start:end].isascii())
    return (line[:start] + new + line[end:]).encode("utf-8")


class _Cut:
    """Watches a compressed stream of lines for an early end (or corrupt data): the lines before
    it come through, then the stream simply stops and `check` raises IncompleteError."""

    def __init__(self) -> None:
        self.lines = 0
        self.error: str | None = None

    def guard(self, lines: Iterable[bytes]) -> Iterator[bytes]:
        try:
            for line in lines:
                yield line
                self.lines += 1
        except (EOFError, zlib.error, gzip.BadGzipFile) as err:
            self.error = str(err)

    def check(self, name: str, report: JsonlReport, written: bool) -> None:
        if self.error is None:
            return
        good = f"last good line {self.lines}" if self.lines else "no complete line"
        written = written and self.lines > 0
        done = (
            "the lines before it were cleaned and written, the output is incomplete"
            if written
            else "nothing was written"
        )
        message = f"{name}: compressed data ends early or is corrupt ({self.error}); {good}, {done}"
        raise IncompleteError(message, report, written)


def clean_stream(
    lines: Iterable[bytes],
    write: Callable[[bytes], object],
    clean: Callable[[str], str],
    text_key: str,
    name: str,
    *,
    written: bool = True,
) -> JsonlReport:
    """clean_lines over a stream that may be a gzip cut short: IncompleteError after the lines before
    the cut (`written`: `write` keeps them, rather than counting)."""
    cut = _Cut()
    report = clean_lines(cut.guard(lines), write, clean, text_key)
    cut.check(name, report, written)
    return report


@contextlib.contextmanager
def open_input(path: Path) -> Iterator[io.BufferedIOBase]:
    """The file's bytes, decompressed when it is gzip (by its magic bytes, whatever its name)."""
    with open_regular(path) as raw:
        if raw.read(2) == GZIP_MAGIC:
            raw.seek(0)
            with gzip.GzipFile(fileobj=raw, mode="rb") as unzipped:
                yield unzipped
        else:
            raw.seek(0)
            yield raw


def readable(stream: IO[bytes]) -> io.BufferedIOBase:
    """A byte stream (stdin, say) decompressed if it starts as gzip; peeks without consuming."""
    buffered = stream if isinstance(stream, io.BufferedReader) else io.BufferedReader(cast(io.RawIOBase, stream))
    if buffered.peek(2)[:2] == GZIP_MAGIC:
        return gzip.GzipFile(fileobj=buffered, mode="rb")
    return buffered


def clean_file(
    source: Path,
    target: Path,
    clean: Callable[[str], str],
    text_key: str = DEFAULT_TEXT_KEY,
    *,
    only_if_changed: bool = False,
    lines_cleaner: LinesCleaner | None = None,
) -> JsonlReport:
    """Clean `source` into `target` (gzip if its name ends in .gz), atomically: readers never see half
    a file. With `only_if_changed` (cleaning in place), a file no record of which changed is left as it was.
    `lines_cleaner` replaces `clean_lines(lines, write, clean, text_key)` (to spread records over processes).
    A gzip input cut short: the lines before the cut are written to `target`, except in place (a
    corpus is never shortened), and IncompleteError says so."""
    run: LinesCleaner = lines_cleaner or (lambda lines, write: clean_lines(lines, write, clean, text_key))
    cut = _Cut()
    try:
        # In place, a file edited while it was being cleaned is left as it is (with its edit).
        seen = os.stat(source) if only_if_changed else None
        with replacing(target, seen) as (handle, commit), open_input(source) as raw:
            lines = cut.guard(raw)
            if target.name.lower().endswith(".gz"):
                # mtime=0 and no name: the same input gives byte-identical output.
                with gzip.GzipFile(filename="", fileobj=handle, mode="wb", compresslevel=GZIP_LEVEL, mtime=0) as zipped:
                    report = run(lines, zipped.write)
            else:
                report = run(lines, handle.write)
            # Never an empty file for a corpus that broke before its first line, nor a shortened one in place.
            written = cut.lines > 0 and not only_if_changed if cut.error else report.changed > 0 or not only_if_changed
            if written:
                commit()
    except (OSError, EOFError, zlib.error) as err:
        # A gzip header that is not one shows on the first read; the file is named, nothing is half-written.
        raise JsonlError(f"{source}: cannot clean: {err}") from None
    cut.check(str(source), report, written)
    return report
