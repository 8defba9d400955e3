"""Where each input is written: which handler takes it, its output name, and clashes between outputs."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path, PurePath

from cleaner import jsonl
from cleaner.batch.options import Action, InputFormat, Options
from cleaner.files import Task
from cleaner.html import HTML_SUFFIXES, is_html_name


def destination(task: Task, options: Options) -> Path | None:
    """The one place output names are made: where the result of `task` is written, if anywhere.
    It goes by names only (never contents), so every output name is known before any file is read."""
    if options.action is Action.FIX:
        return task.source
    if options.action is Action.CLEAN and options.output is not None:
        if format_of(task, options) == "html":
            return options.output / html_output_name(task)
        return options.output / task.relative
    return None


def html_output_name(task: Task) -> PurePath:
    """`page.html` -> `page.txt`; a page whose `.txt` name a sibling file has, or another page of the
    same stem would take (`page.htm` beside `page.html`), keeps its full name: `page.html.txt`."""
    if task.relative.suffix.lower() == ".txt":
        return task.relative
    stem = task.source.with_suffix("")
    rivals = [stem.with_name(stem.name + s) for s in (".txt", *HTML_SUFFIXES, *(s.upper() for s in HTML_SUFFIXES))]
    # samefile: on a case-blind file system `page.HTML` is the page itself.
    if any(r.exists() and not os.path.samefile(r, task.source) for r in rivals):
        return task.relative.with_name(task.relative.name + ".txt")
    return task.relative.with_suffix(".txt")


class OutputClashes:
    """Inputs that would write one output file (`clean d1 d2 -o out` with `a.txt` in both), found
    before any file is written. `add` each task on a first pass: only a hash of each output name is
    kept (a few tens of bytes a file); the few hashes seen twice are then named by `clashes`."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.seen: set[int] = set()
        self.twice: set[int] = set()

    def add(self, task: Task) -> None:
        out = self._key(task)
        if out is not None:
            key = hash(out)
            if key in self.seen:
                self.twice.add(key)
            self.seen.add(key)

    def clashes(self, tasks: Iterable[Task]) -> list[tuple[str, list[str]]]:
        """Each output name that several of `tasks` (the same tasks again) would write, with their sources."""
        if not self.twice:
            return []
        sources: dict[str, tuple[str, list[str]]] = {}
        for task in tasks:
            key = self._key(task)
            if key is not None and hash(key) in self.twice:
                sources.setdefault(key, (str(destination(task, self.options)), []))[1].append(str(task.source))
        return [(shown, names) for shown, names in sources.values() if len(names) > 1]

    def _key(self, task: Task) -> str | None:
        if task.skip is not None or self.options.action is not Action.CLEAN or self.options.output is None:
            return None
        out = destination(task, self.options)
        return None if out is None else os.path.normcase(os.path.abspath(out))


def format_of(task: Task, options: Options) -> str:
    """Which handler takes `task`: the forced --format, else the name (text files are sniffed for HTML)."""
    if options.input_format is not InputFormat.AUTO:
        return options.input_format.value
    name = task.source.name
    if jsonl.is_jsonl_name(name):
        return "jsonl"
    if is_html_name(name):
        return "html"
    return "text"
