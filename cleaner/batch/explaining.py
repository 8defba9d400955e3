"""`explain`: what cleaning one routed input removes, rule by rule, read as `clean` reads it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from typing import IO

from cleaner import jsonl
from cleaner.batch.options import InputFormat
from cleaner.batch.routing import Stream
from cleaner.config import Config
from cleaner.files import decode, read_text
from cleaner.html import clean_page, looks_like_html
from cleaner.pipeline import Explanation, clean_and_explain


def explain(
    source: Stream, config: Config, stdin: IO[bytes], text_key: str = jsonl.DEFAULT_TEXT_KEY
) -> Iterator[tuple[str | None, Explanation]]:
    """Each explained text of `source`, with its place: one text (place None) for a capture or a
    page, one per record (its line) for a JSONL corpus. InputError if the input cannot be read."""
    if source.input_format is InputFormat.JSONL:
        yield from _records(source, config, stdin, text_key)
        return
    text = decode(stdin.read(), source.name) if source.path is None else read_text(source.path)
    if source.input_format is InputFormat.HTML or looks_like_html(text):
        # Line numbers are those of the page's extracted text, which is what the rules see.
        result, warning = clean_page(text, config, clean_and_explain)  # a flattened or fallback page says so
        yield None, replace(result, warnings=(warning, *result.warnings)) if warning else result
    else:
        yield None, clean_and_explain(text, config)


def _records(
    source: Stream, config: Config, stdin: IO[bytes], text_key: str
) -> Iterator[tuple[str | None, Explanation]]:
    """The text field of each record, as `clean` cleans it; lines that hold no such text are passed over."""
    if source.path is None:
        yield from _explained(jsonl.readable(stdin), config, text_key)
        return
    with jsonl.open_input(source.path) as lines:
        yield from _explained(lines, config, text_key)


def _explained(
    lines: Iterator[bytes] | IO[bytes], config: Config, text_key: str
) -> Iterator[tuple[str | None, Explanation]]:
    for number, raw in enumerate(lines, start=1):
        try:
            record = json.loads(raw.removeprefix(b"\xef\xbb\xbf") if number == 1 else raw)
        except (ValueError, RecursionError):
            continue
        text = record.get(text_key) if isinstance(record, dict) else None
        if isinstance(text, str):
            yield f"line {number}", clean_and_explain(text, config)
