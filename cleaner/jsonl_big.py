"""A JSONL line too long to hold whole as a str (over BIG_LINE bytes): its members are found in the
bytes by the JSON structure alone, the text field decoded in pieces and cleaned, and the rest of the
record checked with an empty text; the cleaned text is spliced back as cleaner.jsonl_splice does for a
whole line, so both paths give the same bytes. A 50 MB record otherwise held the line's bytes, the line
as a str, the parsed record and the parser's own copy at once (docs/inputs.md, "Large files").
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, runtime_checkable

from cleaner.jsonl_splice import json_string, record_text

# Lines longer than this many bytes take this path (cleaner.jsonl reads the setting when it runs).
BIG_LINE = 1 << 23
PIECE_BYTES = 1 << 20
_JSON_SPACE = b" \t\n\r"
_STRUCTURE = re.compile(rb'["{}\[\]]')
_SCALAR = re.compile(rb"[^\s,\]}]*")


def clean_big_line(raw: bytes, number: int, clean: Callable[[str], str], text_key: str) -> tuple[bytes, bool] | None:
    """A long record line cleaned as cleaner.jsonl.clean_lines cleans a line (ending and all), without
    copies of it, and whether its text changed; None when its text field cannot be found so, or the
    line is no JSON object (clean_lines reads the line whole then). `number` is its line number."""
    first = 3 if number == 1 and raw.startswith(b"\xef\xbb\xbf") else 0
    body_end = len(raw)
    while body_end > first and raw[body_end - 1] in b"\r\n":
        body_end -= 1
    members = _members(raw, first, body_end)
    if members is None:
        return None
    span = None
    for key_start, key_end, value_start, value_end in members:
        try:
            name = json.loads(raw[key_start:key_end].decode("utf-8"))
        except ValueError:
            return None
        if name == text_key:
            span = (value_start, value_end)
    if span is None or raw[span[0]] != ord('"'):
        return None
    start, end = span
    try:
        record = json.loads((raw[first:start] + b'""' + raw[end:body_end]).decode("utf-8"))
        # Every piece decoded once before cleaning starts: a text that does not read is found
        # before any of it is cleaned (and counted), and none of it is kept (a list: `all` would stop
        # at the first piece outside ASCII).
        ascii_only = all([part.isascii() for part, _ in _decoded(raw, start, end)])
    except (ValueError, RecursionError):
        return None
    if not isinstance(record, dict):
        return None
    del record
    if isinstance(clean, CleansInPieces):
        return _cleaned_in_pieces(raw, first, start, end, ascii_only, clean)
    text = "".join([piece for _, piece in _decoded(raw, start, end)])
    cleaned = record_text(text, clean(text))
    if cleaned == text:
        return raw[first:], False
    del text
    new = json_string(cleaned, ascii_only=ascii_only).encode("utf-8")
    del cleaned
    return b"".join((raw[first:start], new, raw[end:])), True


def _members(raw: bytes, at: int, stop: int) -> list[tuple[int, int, int, int]] | None:
    """(key start, key end, value start, value end) of each member of the JSON object that
    raw[at:stop] holds, found by its structure alone (json.loads checks the rest); None if it does
    not read as an object."""
    found: list[tuple[int, int, int, int]] = []
    at = _skip_space(raw, at, stop)
    if at >= stop or raw[at] != ord("{"):
        return None
    at = _skip_space(raw, at + 1, stop)
    if at < stop and raw[at] == ord("}"):
        return found
    while at < stop and raw[at] == ord('"'):
        key_end = _string_end(raw, at, stop)
        colon = _skip_space(raw, key_end, stop)
        if key_end < 0 or colon >= stop or raw[colon] != ord(":"):
            return None
        value = _skip_space(raw, colon + 1, stop)
        value_end = _value_end(raw, value, stop)
        if value_end < 0:
            return None
        found.append((at, key_end, value, value_end))
        at = _skip_space(raw, value_end, stop)
        if at < stop and raw[at] == ord("}"):
            return found
        if at >= stop or raw[at] != ord(","):
            return None
        at = _skip_space(raw, at + 1, stop)
    return None


def _skip_space(raw: bytes, at: int, stop: int) -> int:
    while at < stop and raw[at] in _JSON_SPACE:
        at += 1
    return at


def _string_end(raw: bytes, at: int, stop: int) -> int:
    """Past the closing quote of the string opening at `at`; -1 if it has none before `stop`."""
    at += 1
    while True:
        quote = raw.find(b'"', at, stop)
        if quote < 0:
            return -1
        if _escaped(raw, quote):
            at = quote + 1
        else:
            return quote + 1


def _escaped(raw: bytes, at: int) -> bool:
    """Whether the byte at `at` follows an odd run of backslashes (inside a JSON string)."""
    run = 0
    while raw[at - 1 - run] == ord("\\"):
        run += 1
    return run % 2 == 1


def _value_end(raw: bytes, at: int, stop: int) -> int:
    """Past the value starting at `at` (-1 if none): a string, an object or array (by brackets,
    strings skipped), or a scalar (up to the next delimiter)."""
    if at >= stop:
        return -1
    first = raw[at]
    if first == ord('"'):
        return _string_end(raw, at, stop)
    if first not in b"{[":
        match = _SCALAR.match(raw, at, stop)
        return match.end() if match and match.end() > at else -1
    depth = 0
    while (match := _STRUCTURE.search(raw, at, stop)) is not None:
        at = match.start()
        if raw[at] == ord('"'):
            at = _string_end(raw, at, stop)
            if at < 0:
                return -1
            continue
        depth += 1 if raw[at] in b"{[" else -1
        at += 1
        if depth == 0:
            return at
    return -1


def _decoded(raw: bytes, start: int, end: int) -> Iterator[tuple[bytes, str]]:
    """The JSON string raw[start:end] (quotes included) in pieces of about PIECE_BYTES, each as
    written and decoded. A piece ends right after an escaped newline, so no escape, no surrogate
    pair and no UTF-8 sequence is cut; json.loads reads each as it reads the whole."""
    at, stop = start + 1, end - 1
    while at < stop:
        cut = _piece_end(raw, at + PIECE_BYTES, stop)
        part = raw[at:cut]
        yield part, json.loads('"' + part.decode("utf-8") + '"')
        at = cut


@runtime_checkable
class CleansInPieces(Protocol):
    """A cleaner (cleaner.batch.records.RecordCleaner) that also takes a text in pieces and never
    holds it whole: a huge record then costs memory for its line, its cleaned text's bytes and one
    chunk in cleaning, instead of the text and the cleaned text as strings (4 bytes a character
    once one emoji is in them) beside the line."""

    def __call__(self, text: str) -> str: ...

    def in_pieces(self, pieces: Iterable[str], emit: Callable[[str], object]) -> bool:
        """Clean the text the pieces make one after another, giving the parts of the cleaned text
        to `emit` as they are made; whether the text is to stay as it is (the parts then count for nothing)."""
        ...


def _cleaned_in_pieces(
    raw: bytes, first: int, start: int, end: int, ascii_only: bool, clean: CleansInPieces
) -> tuple[bytes, bool]:
    """What clean_big_line gives, the text field raw[start:end] (checked: it decodes) read again
    piece by piece and cleaned so, each part of the cleaned text written as JSON as it comes."""
    same = _SameText()
    ends_with_newline = False
    encoded: list[bytes] = []
    held: list[str] = []  # the last part: record_text may take its final newline

    def pieces() -> Iterator[str]:
        nonlocal ends_with_newline
        for _, piece in _decoded(raw, start, end):
            same.add(piece, 0)
            ends_with_newline = piece.endswith("\n")
            yield piece

    def write(part: str) -> None:
        same.add(part, 1)
        encoded.append(json_string(part, ascii_only=ascii_only)[1:-1].encode("utf-8"))

    def emit(part: str) -> None:
        if held:
            write(held.pop())
        held.append(part)

    refused = clean.in_pieces(pieces(), emit)
    if held:  # record_text reads only whether the text ends with a newline
        write(record_text("\n" if ends_with_newline else "", held.pop()))
    if refused or same.equal():
        return raw[first:], False
    return b"".join((raw[first:start], b'"', *encoded, b'"', raw[end:])), True


class _SameText:
    """Whether two texts, each given in pieces (side 0 and side 1), are equal, holding only what
    one side has given beyond the other."""

    def __init__(self) -> None:
        self.sides: tuple[deque[str], deque[str]] = (deque(), deque())
        self.offsets = [0, 0]
        self.differ = False

    def add(self, piece: str, side: int) -> None:
        if self.differ or not piece:
            return
        self.sides[side].append(piece)
        a, b = self.sides
        while a and b:
            x, y = a[0], b[0]
            i, j = self.offsets
            n = min(len(x) - i, len(y) - j)
            if x[i : i + n] != y[j : j + n]:
                self.differ = True
                a.clear()
                b.clear()
                return
            self.offsets = [i + n, j + n]
            if i + n == len(x):
                a.popleft()
                self.offsets[0] = 0
            if j + n == len(y):
                b.popleft()
                self.offsets[1] = 0

    def equal(self) -> bool:
        """Whether the texts given so far are equal (both given whole)."""
        return not self.differ and not self.sides[0] and not self.sides[1]


def _piece_end(raw: bytes, at: int, stop: int) -> int:
    while at < stop:
        newline = raw.find(b"\\n", at, stop)
        if newline < 0:
            break
        if not _escaped(raw, newline):
            return newline + 2
        at = newline + 1
    return stop
