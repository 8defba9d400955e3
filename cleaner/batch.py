"""Batch runs: one step per file (read, clean, check the safety valve, write), a process pool, a report.

No CLI imports: the CLI gives an `Options` and a list of tasks, and prints the `FileResult`s it gets
back, in task order whatever the number of workers. Workers receive paths, never contents, and
write their own outputs; only results (counts, messages, and a diff or text when asked for) come back.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from itertools import chain, islice
from pathlib import Path, PurePath
from typing import IO, TYPE_CHECKING, Any

from cleaner import files, jsonl
from cleaner.config import Config
from cleaner.files import InputError, Task, atomic_write, decode_detailed, inside, read_bytes, read_decoded
from cleaner.html import HTML_SUFFIXES, HtmlMode, clean_page, is_html_name, looks_like_html
from cleaner.pipeline import clean_and_count
from cleaner.text import word_count

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor


class InputFormat(StrEnum):
    """How input files are read; AUTO goes by name (.html/.htm, .jsonl/.jsonl.gz) and sniffs HTML content."""

    AUTO = "auto"
    TEXT = "text"
    HTML = "html"
    JSONL = "jsonl"


class Action(StrEnum):
    CLEAN = "clean"
    """Write the cleaned text to a mirrored tree under Options.output (or return it for stdout)."""
    FIX = "fix"
    """Rewrite changed files in place."""
    CHECK = "check"
    """Write nothing; say what would change."""


@dataclass(frozen=True)
class Options:
    """Everything a worker needs besides the file path; sent once to each worker."""

    action: Action
    config: Config = field(default_factory=Config)
    output: Path | None = None
    """For `clean`: the folder of the mirrored tree; None sends cleaned text back (for stdout)."""
    diff: bool = False
    """Send back a unified diff of the change."""
    input_format: InputFormat = InputFormat.AUTO
    encoding: str | None = None
    """Force this encoding instead of detecting one (see cleaner.decoding)."""
    text_key: str = jsonl.DEFAULT_TEXT_KEY
    """For JSONL: the field of each record that is cleaned."""
    html_mode: HtmlMode = HtmlMode.DEFAULT
    record_jobs: int = 1
    """For a run over one JSONL file: worker processes that share its records (set by `run`)."""
    settings_for: Callable[[Path], Config] | None = None
    """Each file's settings, from its own folders (cleaner.settings.PerFile); None: `config` for all.
    Picklable: workers look settings up themselves."""


@dataclass
class FileResult:
    source: str
    output: str | None = None
    bytes_in: int = 0
    bytes_out: int = 0
    removed: dict[str, int] = field(default_factory=dict)
    """Input lines removed, per rule id."""
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    changed: bool = False
    """The cleaned text differs from the input (for `fix`: the file was rewritten)."""
    refused: bool = False
    """The safety valve left the file unchanged."""
    diff: str = ""
    text: str | None = None
    skipped: bool = False
    """Discovery could not take this path (see Task.skip): not counted as a file."""
    incomplete: bool = False
    """The input broke off (a gzip cut short): what `output` holds is only the part before the break."""

    def as_report(self) -> dict[str, Any]:
        return {
            "path": self.source,
            "output": self.output,
            "bytes_in": self.bytes_in,
            "bytes_out": self.bytes_out,
            "changed": self.changed,
            "lines_removed": self.removed,
            "warnings": self.warnings,
            "error": self.error,
            "incomplete": self.incomplete,
        }


@dataclass(frozen=True)
class Outcome:
    """What cleaning one text gave, after the safety valve."""

    text: str
    removed: dict[str, int]
    warnings: list[str]
    refused: bool


def clean_one(text: str, config: Config, name: str) -> Outcome:
    """Clean `text`; if that would remove more than config.max_removal of its words, keep it as it is."""
    cleaned, removed, warnings = clean_and_count(text, config)
    notes = [f"{name}: {w}" for w in warnings]  # lines too long to judge
    words_out = word_count(cleaned)
    # No text has more words than characters, and the share removed grows with the input's words:
    # the input (the longer text, so the costlier count) is counted only when, with as many words
    # as characters, the share could exceed the valve.
    if 1 - words_out / (len(text) + 1) <= config.max_removal:
        return Outcome(cleaned, removed, notes, refused=False)
    words_in = word_count(text)
    if words_in:
        share = 1 - words_out / words_in
        if share > config.max_removal:
            warning = (
                f"{name}: cleaning would remove {share:.0%} of its words "
                f"(more than --max-removal {config.max_removal:g}); left unchanged"
            )
            return Outcome(text, {}, [*notes, warning], refused=True)
    return Outcome(cleaned, removed, notes, refused=False)


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


def _process_text(task: Task, options: Options) -> FileResult:
    data, seen = read_bytes(task.source)
    decoded = decode_detailed(data, str(task.source), options.encoding)
    text = decoded.text
    if options.input_format is InputFormat.AUTO and looks_like_html(text):
        res = _process_page(task, options, text)
    else:
        outcome = clean_one(text, options.config, str(task.source))
        res = _finish(task, options, text, outcome, destination(task, options), seen)
    res.warnings = [*decoded.warnings, *res.warnings]
    return res


def _finish(
    task: Task, options: Options, before: str, outcome: Outcome, out: Path | None, seen: os.stat_result | None = None
) -> FileResult:
    res = FileResult(
        source=str(task.source),
        output=str(out) if out is not None else None,
        bytes_in=len(before.encode("utf-8")),
        bytes_out=len(outcome.text.encode("utf-8")),
        removed=outcome.removed,
        warnings=outcome.warnings,
        changed=outcome.text != before,
        refused=outcome.refused,
    )
    if options.diff and res.changed:
        res.diff = unified_diff(before, outcome.text, str(task.source))
    if options.action is Action.CLEAN and out is None:
        res.text = outcome.text
    elif out is not None and (options.action is Action.CLEAN or res.changed):
        # In place, a file edited while it was being cleaned keeps the edit (and the run reports it).
        atomic_write(out, outcome.text, seen if options.action is Action.FIX else None)
    return res


def _process_html(task: Task, options: Options) -> FileResult:
    decoded = read_decoded(task.source, options.encoding)
    res = _process_page(task, options, decoded.text)
    res.warnings = [*decoded.warnings, *res.warnings]
    return res


def _process_page(task: Task, options: Options, html: str) -> FileResult:
    """A saved page: its main content (see cleaner.html), then the rules; written as `<name>.txt`."""
    if options.action is not Action.CLEAN:
        # fix/check rewrite files in place; turning a page into text in place would destroy it.
        skip = f"{task.source}: an HTML page is cleaned into text by `cleaner clean`, never in place; skipped"
        return FileResult(source=str(task.source), warnings=[skip])
    outcome = clean_html(html, options, str(task.source))
    return _finish(task, options, html, outcome, destination(task, options))


def clean_html(html: str, options: Options, name: str) -> Outcome:
    outcome, warning = clean_page(
        html, options.config, lambda text, config: clean_one(text, config, name), options.html_mode
    )
    if warning is not None:
        return replace(outcome, warnings=[f"{name}: {warning}", *outcome.warnings])
    return outcome


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


class _RecordCleaner:
    """Cleans JSONL records one by one (the safety valve applies per record) and tallies what went."""

    def __init__(self, options: Options, name: str) -> None:
        self.config, self.name = options.config, name
        self.removed: Counter[str] = Counter()
        self.refused = 0
        self.notes: list[str] = []
        """Long-line warnings of the records (the first few: enough to name the problem)."""

    def __call__(self, text: str) -> str:
        outcome = clean_one(text, self.config, self.name)
        long_lines = outcome.warnings[: len(outcome.warnings) - outcome.refused]  # the valve's warning is counted apart
        self.notes += long_lines[: 10 - len(self.notes)]
        self.removed.update(outcome.removed)
        self.refused += outcome.refused
        return outcome.text

    def result(self, source: str, report: jsonl.JsonlReport, key: str) -> FileResult:
        warnings = report.warnings(source, key) + self.notes
        if self.refused:
            warnings.append(f"{source}: {self.refused} record(s) left unchanged by --max-removal")
        return FileResult(
            source=source,
            bytes_in=report.bytes_in,
            bytes_out=report.bytes_out,
            removed=dict(sorted(self.removed.items())),
            warnings=warnings,
            changed=report.changed > 0,
            refused=self.refused > 0,
        )


def _process_jsonl(task: Task, options: Options) -> FileResult:
    """A JSONL corpus, streamed: one field cleaned per record (see cleaner.jsonl); same name out."""
    name = str(task.source)
    cleaner = _RecordCleaner(options, name)
    out = destination(task, options)
    sink: io.BytesIO | None = None
    try:
        if out is not None:
            fix = options.action is Action.FIX
            spread = _spread_records(options, cleaner) if options.record_jobs > 1 else None
            report = jsonl.clean_file(
                task.source, out, cleaner, options.text_key, only_if_changed=fix, lines_cleaner=spread
            )
        else:
            sink = io.BytesIO() if options.action is Action.CLEAN else None
            with jsonl.open_input(task.source) as lines:
                write = sink.write if sink else _ignore
                report = jsonl.clean_stream(lines, write, cleaner, options.text_key, name, written=sink is not None)
    except jsonl.IncompleteError as err:
        res = cleaner.result(name, err.report, options.text_key)
        res.error, res.incomplete = str(err), True
        res.changed = res.changed and options.action is not Action.FIX  # a corpus is never shortened in place
        res.output = str(out) if out is not None and err.written else None
        return res
    except jsonl.JsonlError as err:
        raise InputError(str(err)) from None
    res = cleaner.result(name, report, options.text_key)
    res.output = str(out) if out is not None else None
    if sink is not None and out is None:
        res.text = sink.getvalue().decode("utf-8", errors="replace")
    return res


def _ignore(_: bytes) -> None:
    return None


def _spread_records(options: Options, cleaner: _RecordCleaner) -> jsonl.LinesCleaner:
    """One big corpus over `record_jobs` processes: chunks of lines go out, cleaned chunks come back
    in order. A few chunks in flight per worker, never the whole file: memory stays flat."""

    def run(lines: Iterable[bytes], write: Callable[[bytes], object]) -> jsonl.JsonlReport:
        import multiprocessing
        import threading

        room = threading.Semaphore(options.record_jobs * CHUNKS_IN_FLIGHT)
        stop = threading.Event()

        def feed() -> Iterator[tuple[int, list[bytes]]]:
            # Runs in the pool's task thread; waits for room before reading more of the file.
            for item in jsonl.chunks(lines):
                room.acquire()
                if stop.is_set():
                    return
                yield item

        report = jsonl.JsonlReport()
        _prepare_workers()
        with forking_workers():
            pool = multiprocessing.get_context("fork").Pool(options.record_jobs, _init_worker, (options, os.getpid()))
        try:
            for out, part, removed, refused in pool.imap(_clean_chunk, feed()):
                room.release()
                write(out)
                report.merge(part)
                cleaner.removed.update(removed)
                cleaner.refused += refused
        finally:
            stop.set()
            room.release()  # a feeder waiting for room wakes, sees the stop and ends
            pool.terminate()
            pool.join()
        return report

    return run


# Chunks per worker that may wait in flight (read, not yet written) when records are spread.
CHUNKS_IN_FLIGHT = 3


def _clean_chunk(item: tuple[int, list[bytes]]) -> tuple[bytes, jsonl.JsonlReport, Counter[str], int]:
    assert _WORKER_OPTIONS is not None
    first, lines = item
    cleaner = _RecordCleaner(_WORKER_OPTIONS, "")
    out: list[bytes] = []
    report = jsonl.clean_lines(lines, out.append, cleaner, _WORKER_OPTIONS.text_key, first)
    return b"".join(out), report, cleaner.removed, cleaner.refused


def process_stream(source: IO[bytes], sink: IO[bytes], options: Options, name: str = "<stdin>") -> FileResult:
    """`cleaner clean -` (stdin to stdout), or one JSONL file to stdout. JSONL streams, so memory stays
    flat; text and HTML (sniffed) are read whole."""
    if options.input_format is InputFormat.JSONL:
        cleaner = _RecordCleaner(options, name)
        try:
            report = jsonl.clean_stream(jsonl.readable(source), sink.write, cleaner, options.text_key, name)
        except jsonl.JsonlError as err:
            raise InputError(str(err)) from None
        return cleaner.result(name, report, options.text_key)
    decoded = decode_detailed(source.read(), name, options.encoding)
    text = decoded.text
    page = options.input_format is InputFormat.HTML
    if page or (options.input_format is InputFormat.AUTO and looks_like_html(text)):
        outcome = clean_html(text, options, name)
    else:
        outcome = clean_one(text, options.config, name)
    sink.write(outcome.text.encode("utf-8"))
    return FileResult(
        source=name,
        bytes_in=len(text.encode("utf-8")),
        bytes_out=len(outcome.text.encode("utf-8")),
        removed=outcome.removed,
        warnings=[*decoded.warnings, *outcome.warnings],
        changed=outcome.text != text,
        refused=outcome.refused,
    )


Handler = Callable[[Task, Options], FileResult]
"""Turns one input file into a FileResult (reading, cleaning, writing); one per input format."""

HANDLERS: dict[str, Handler] = {"text": _process_text, "html": _process_html, "jsonl": _process_jsonl}


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


def process(task: Task, options: Options) -> FileResult:
    """The whole per-file step. A file that cannot be processed gives a result with `error` set."""
    if task.skip is not None:
        if task.skip_is_error:
            return FileResult(source=str(task.source), error=task.skip, skipped=True)
        return FileResult(source=str(task.source), warnings=[task.skip], skipped=True)
    if options.action is Action.FIX and task.tree is not None:
        # Discovery took no link out of the tree; this catches a file turned into one since.
        real = os.path.realpath(task.source)
        if not inside(real, task.tree):
            return FileResult(
                source=str(task.source), error=f"{task.source}: leads to {real}, outside the tree; left alone"
            )
    try:
        if options.settings_for is not None:
            options = replace(options, config=options.settings_for(task.source))
        return HANDLERS[format_of(task, options)](task, options)
    except InputError as err:
        return FileResult(source=str(task.source), error=str(err))
    except OSError as err:
        where = err.filename or task.source
        return FileResult(source=str(task.source), error=f"{where}: {err.strerror or err}")
    except MemoryError:
        return FileResult(source=str(task.source), error=f"{task.source}: too large to clean in the memory available")


def unified_diff(before: str, after: str, name: str) -> str:
    import difflib

    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"{name}", f"{name} (cleaned)"
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


# Set in each worker process by _init_worker, so options travel once per worker, not once per file.
_WORKER_OPTIONS: Options | None = None


def _init_worker(options: Options, parent: int) -> None:
    global _WORKER_OPTIONS
    _WORKER_OPTIONS = options
    # Ctrl-C reaches the whole process group; workers finish the file in hand and the parent stops
    # handing out new ones, so every file ends up untouched or fully written.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # SIGTERM and SIGHUP (and the parent's death, below) stop a worker at once: the file in hand is
    # dropped (a write under way is finished first), so it too is untouched or fully written.
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, files.deferred(_worker_stop))
    _die_with(parent)
    # Forked with these blocked (see forking_workers): one sent meanwhile is delivered now, to the
    # handlers above.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)


STOP_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM, signal.SIGHUP})


@contextlib.contextmanager
def forking_workers() -> Iterator[None]:
    """Fork workers inside this block: they start with the stop signals blocked and unblock them in
    `_init_worker`, once their own handlers are in place. A signal that reaches a fresh fork before
    the interpreter has reset its signal state there is dropped (CPython clears pending signal flags
    after a fork), and a pool that was told to terminate then waits forever for that worker: this
    happened under load when a run stopped right after it started (a truncated corpus)."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _die_with(parent: int) -> None:
    """Have the kernel send SIGTERM to this worker when `parent` dies (killed, even by SIGKILL):
    otherwise workers go on rewriting files, then wait forever holding the caller's pipes open."""
    if not _parent_death_signal(signal.SIGTERM):
        import threading

        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # it died before the kernel was told
        os._exit(128 + signal.SIGTERM)


def _parent_death_signal(signum: int) -> bool:
    """Linux's prctl(PR_SET_PDEATHSIG); False where there is none. Runs in a fresh fork, so it only
    calls what `_prepare_workers` loaded in the parent: importing or loading a library there could
    wait forever on a lock another thread of the parent held at the fork."""
    return _PRCTL is not None and int(_PRCTL(_PR_SET_PDEATHSIG, signum, 0, 0, 0)) == 0


_PRCTL: Callable[..., int] | None = None


def _prepare_workers() -> None:
    """In the parent, before forking workers: find prctl, and import what a worker's setup uses."""
    global _PRCTL
    import sys
    import threading  # noqa: F401  (for _die_with's fallback, in the child)
    import time  # noqa: F401

    if _PRCTL is None and sys.platform.startswith("linux"):
        import ctypes

        try:
            _PRCTL = ctypes.CDLL(None, use_errno=True).prctl
        except (OSError, AttributeError):
            _PRCTL = None


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _watch_parent(parent: int) -> None:
    """Where the kernel has no parent-death signal: look every half second."""
    import time

    while os.getppid() == parent:
        time.sleep(0.5)
    os.kill(os.getpid(), signal.SIGTERM)


# Set while a worker works on files: a stop signal then unwinds the file in hand (its temporary file
# is removed) before the worker exits; between files it exits at once.
_IN_STEP = False


def _worker_stop(signum: int) -> None:
    if _IN_STEP:
        raise files.Terminated(signum)
    os._exit(128 + signum)


def _work(task: Task) -> FileResult:
    assert _WORKER_OPTIONS is not None
    return process(task, _WORKER_OPTIONS)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


@contextlib.contextmanager
def ctrl_c_held() -> Iterator[None]:
    """Ctrl-C waits until the block ends, then raises KeyboardInterrupt as usual. Outside the main
    thread (where Python delivers signals) or under a handler of the caller's, a no-op."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.getsignal(signal.SIGINT)
    if previous is not signal.default_int_handler:
        # The CLI's own handler (files.deferred) waits for the end of a held block: hold this one.
        with files.signals_held():
            yield
        return
    signal.signal(signal.SIGINT, lambda signum, _frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


class Run(Iterator[FileResult]):
    """Results of `process` for each task, in task order (see `run`). Ctrl-C lets the files in hand
    finish, as a pool's workers do, so that every file written is also reported: in one process the
    result of the file in hand still comes, and the next call raises KeyboardInterrupt; with a pool,
    `finish` gives the results of the files the workers finished."""

    def finish(self) -> list[FileResult]:
        """After Ctrl-C: stop handing out files, wait for those in hand, and return their results
        in task order."""
        return []

    def close(self) -> None:
        """Stop: the files in hand are finished, the rest are never started."""
        return None


class _SerialRun(Run):
    def __init__(self, tasks: Iterator[Task], options: Options) -> None:
        self._tasks, self._options = tasks, options
        self._interrupted = False

    def __next__(self) -> FileResult:
        if self._interrupted:
            raise KeyboardInterrupt
        task = next(self._tasks)
        if format_of(task, self._options) == "jsonl":
            # A corpus may take minutes: Ctrl-C stops it at once (its output is renamed into place
            # only when whole).
            return process(task, self._options)
        res: FileResult | None = None
        try:
            with ctrl_c_held():
                res = process(task, self._options)
        except KeyboardInterrupt:
            if res is None:
                raise
            self._interrupted = True
        return res


class _PoolRun(Run):
    """Chunks of tasks go to a process pool, a few per worker at a time; one more goes in as each
    comes back, in order."""

    def __init__(
        self, pool: ProcessPoolExecutor, window: deque[Future[list[FileResult]]], chunks: Iterator[list[Task]]
    ) -> None:
        self._pool, self._window, self._chunks = pool, window, chunks
        self._ready: deque[FileResult] = deque()
        """Results of a chunk that came back, not yet taken; on Ctrl-C, `finish` returns them."""

    def __next__(self) -> FileResult:
        while not self._ready:
            if not self._window:
                self.close()
                raise StopIteration
            # Ctrl-C mostly lands in this wait; the chunk stays in the window, for `finish`.
            from concurrent.futures.process import BrokenProcessPool

            try:
                done = self._window[0].result()
            except BrokenProcessPool:
                raise WorkerDied("a worker process was killed (out of memory, or by a signal)") from None
            except files.Terminated:
                stop_workers()  # the file in hand, not the chunk in hand
                raise
            with ctrl_c_held():  # a chunk is in the window or in `_ready`, never lost between them
                self._window.popleft()
                self._ready.extend(done)
                for chunk in islice(self._chunks, 1):
                    with forking_workers():  # a submit may fork a worker
                        self._window.append(self._pool.submit(_work_chunk, chunk))
        return self._ready.popleft()

    def finish(self) -> list[FileResult]:
        # Workers ignore SIGINT (see _init_worker): each finishes the chunk in hand, and the chunks
        # they had not started are cancelled.
        self.close()
        finished = list(self._ready)
        for future in self._window:
            if not future.cancelled() and future.exception() is None:
                finished.extend(future.result())
        self._ready.clear()
        self._window.clear()
        return finished

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def run(tasks: Iterable[Task], options: Options, jobs: int = 1) -> Run:
    """Results of `process` for each task, in task order, with up to `jobs` worker processes.
    `tasks` may be a lazy iterator of any length: it is read only as far as the work has got, and only
    a bounded number of tasks and results are in flight, so memory stays flat in the number of files."""
    pending = iter(tasks)
    # Enough of the head to size the pool and its chunks as for a list: bounded, whatever the run.
    head = list(islice(pending, max(1, jobs) * 8 * MAX_CHUNK))
    workers = min(jobs, len(head))
    if len(head) == 1 and jobs > 1:
        options = replace(options, record_jobs=jobs)  # one corpus: its records go to the workers
    if workers <= 1:
        return _SerialRun(chain(head, pending), options)
    from concurrent.futures import ProcessPoolExecutor

    _prepare_workers()
    pool = ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(options, os.getpid()))
    # Small chunks keep a progress bar moving and the workers evenly loaded.
    size = max(1, min(MAX_CHUNK, len(head) // (workers * 8)))
    chunks = _chunked(chain(head, pending), size)
    del head
    # The first chunks are submitted now, which forks the workers before the caller starts any thread
    # (a progress bar's); then one more goes in as each comes back, in order.
    window: deque[Future[list[FileResult]]] = deque()
    with forking_workers():
        for chunk in islice(chunks, workers * CHUNKS_IN_FLIGHT):
            window.append(pool.submit(_work_chunk, chunk))
    return _PoolRun(pool, window, chunks)


# Files per chunk sent to a worker, at most (CHUNKS_IN_FLIGHT chunks per worker wait in flight).
MAX_CHUNK = 16


def _chunked(tasks: Iterator[Task], size: int) -> Iterator[list[Task]]:
    while chunk := list(islice(tasks, size)):
        yield chunk


def _work_chunk(chunk: list[Task]) -> list[FileResult]:
    global _IN_STEP
    _IN_STEP = True
    try:
        return [_work(task) for task in chunk]
    except files.Terminated as stop:
        os._exit(128 + stop.signum)
    finally:
        _IN_STEP = False


class WorkerDied(Exception):
    """A worker process ended without being asked (killed, or out of memory); the run stops."""


def stop_workers() -> None:
    """SIGTERM to this process's worker processes: each drops the file in hand (no half-written or
    temporary file) and exits, instead of finishing its chunk. For a run stopped by SIGTERM or a
    broken pipe."""
    import multiprocessing

    for child in multiprocessing.active_children():
        child.terminate()


@dataclass
class Totals:
    files: int = 0
    changed: int = 0
    refused: int = 0
    errors: int = 0
    warnings: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    removed: Counter[str] = field(default_factory=Counter)

    def add(self, res: FileResult) -> None:
        self.files += not res.skipped
        self.changed += res.changed
        self.refused += res.refused
        self.errors += res.error is not None
        self.warnings += len(res.warnings)
        self.bytes_in += res.bytes_in
        self.bytes_out += res.bytes_out
        self.removed.update(res.removed)

    def as_report(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "changed": self.changed,
            "left_unchanged_by_max_removal": self.refused,
            "errors": self.errors,
            "warnings": self.warnings,
            "bytes_in": self.bytes_in,
            "bytes_out": self.bytes_out,
            "lines_removed": dict(sorted(self.removed.items())),
        }


def write_report(path: Path, results: Sequence[FileResult], totals: Totals) -> None:
    import json
    import re

    report = {"files": [r.as_report() for r in results], "totals": totals.as_report()}
    text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    # A file name that is not UTF-8 holds its undecodable bytes as lone surrogates, which only JSON
    # strings can hold: escaped, they stay valid JSON, and os.fsencode gives the bytes back.
    atomic_write(path, re.sub(r"[\ud800-\udfff]", lambda m: f"\\u{ord(m[0]):04x}", text))
