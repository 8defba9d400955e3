"""One JSONL record's text put back into its line: where the text's value sits in the original line,
and the cleaned text written as JSON the way the line wrote it, so only that value changes (numbers,
key order, duplicate keys, escapes and spacing elsewhere stay as they were). Used by the stream of
whole lines (cleaner.jsonl) and by the path for long lines (cleaner.jsonl_big).
"""

from __future__ import annotations

import json
import re

_DECODER = json.JSONDecoder()
_SURROGATE = re.compile("[\ud800-\udfff]")


def record_text(text: str, cleaned: str) -> str:
    """A record's cleaned text, ending as its text did: the rules end their output with a newline; a
    record's text seldom ends with one, and its absence is no debris."""
    return cleaned if text.endswith("\n") else cleaned.removesuffix("\n")


def value_span(line: str, key: str) -> tuple[int, int]:
    """Where the value of `key` sits in `line`, a JSON object json.loads has read; of a duplicated
    key, the last (the one json.loads keeps)."""
    span = None
    at = _skip(line, 0) + 1  # past "{"
    while True:
        at = _skip(line, at)
        if line[at] == "}":
            break
        name, at = json.decoder.scanstring(line, at + 1)  # type: ignore[attr-defined]
        start = _skip(line, _skip(line, at) + 1)  # past ":"
        end = _DECODER.raw_decode(line, start)[1]
        if name == key:
            span = (start, end)
        at = _skip(line, end)
        if line[at] != ",":
            break
        at += 1
    assert span is not None, "the key json.loads found"
    return span


def _skip(line: str, at: int) -> int:
    """Past JSON whitespace from `at` (a valid object always has more after it)."""
    while line[at] in " \t\n\r":
        at += 1
    return at


def json_string(value: str, *, ascii_only: bool) -> str:
    """`value` as a JSON string, escaped as json.dumps does: all-ASCII when the value it replaces
    was written so. A lone surrogate (JSON `"\\ud83d"` reads as one) stays a `\\u` escape, the
    only form UTF-8 can carry."""
    text = json.dumps(value, ensure_ascii=ascii_only)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
