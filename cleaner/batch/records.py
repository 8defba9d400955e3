"""The per-file step for JSONL corpora: records cleaned one by one, streamed, and spread over workers."""

from __future__ import annotations

import io
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from cleaner import jsonl
from cleaner.batch import workers
from cleaner.batch.options import Action, Options
from cleaner.batch.outputs import destination
from cleaner.batch.report import FileResult, Tally, file_result
from cleaner.batch.valve import Outcome, clean_in_pieces, clean_one
from cleaner.batch.workers import forking_workers, init_worker, prepare_workers
from cleaner.files import InputError, Task


class RecordCleaner:
    """Cleans JSONL records one by one (the safety valve applies per record) and tallies what went."""

    def __init__(self, options: Options, name: str) -> None:
        self.config, self.name = options.config, name
        self.removed: Counter[str] = Counter()
        self.refused = 0
        self.notes: list[str] = []
        """Long-line warnings of the records (the first few: enough to name the problem)."""

    def __call__(self, text: str) -> str:
        outcome = clean_one(text, self.config, self.name)
        self._tally(outcome)
        return outcome.text

    def in_pieces(self, pieces: Iterable[str], emit: Callable[[str], object]) -> bool:
        """A huge record's text given in pieces (cleaner.jsonl_big.CleansInPieces); whether it stays as it is."""
        outcome = clean_in_pieces(pieces, self.config, self.name, emit)
        self._tally(outcome)
        return outcome.refused

    def _tally(self, outcome: Outcome) -> None:
        long_lines = outcome.warnings[: len(outcome.warnings) - outcome.refused]  # the valve's warning is counted apart
        self.notes += long_lines[: 10 - len(self.notes)]
        self.removed.update(outcome.removed)
        self.refused += outcome.refused

    def result(self, source: str, report: jsonl.JsonlReport, key: str) -> FileResult:
        warnings = report.warnings(source, key) + self.notes
        if self.refused:
            warnings.append(f"{source}: {self.refused} record(s) left unchanged by --max-removal")
        removed = dict(sorted(self.removed.items()))
        tally = Tally(report.bytes_in, report.bytes_out, removed, report.changed > 0, self.refused > 0)
        return file_result(source, tally, warnings=warnings)


def process_jsonl(task: Task, options: Options) -> FileResult:
    """A JSONL corpus, streamed: one field cleaned per record (see cleaner.jsonl); same name out."""
    name = str(task.source)
    cleaner = RecordCleaner(options, name)
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


def _spread_records(options: Options, cleaner: RecordCleaner) -> jsonl.LinesCleaner:
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
        prepare_workers()
        before = set(multiprocessing.active_children())
        with forking_workers():
            pool = multiprocessing.get_context("fork").Pool(options.record_jobs, init_worker, (options, os.getpid()))
        own = [child for child in multiprocessing.active_children() if child not in before]
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
            _terminate(pool, own)
        return report

    return run


# Chunks per worker that may wait in flight (read, not yet written) when records are spread.
CHUNKS_IN_FLIGHT = 3

# Seconds a record worker has to die after its SIGTERM before it is killed.
TERMINATE_GRACE = 10.0


def _terminate(pool: Any, own: list[Any]) -> None:
    """`pool.terminate()`, which waits for every worker with no time limit, bounded: a worker still
    alive TERMINATE_GRACE seconds after its SIGTERM is killed. A stop must never hang the run, and a
    lost SIGTERM did hang it under load (see workers.forking_workers)."""
    import threading

    def kill_stragglers() -> None:
        for worker in own:
            if worker.exitcode is None:
                worker.kill()

    killer = threading.Timer(TERMINATE_GRACE, kill_stragglers)
    killer.daemon = True
    killer.start()
    try:
        pool.terminate()
        pool.join()
    finally:
        killer.cancel()


def _clean_chunk(item: tuple[int, list[bytes]]) -> tuple[bytes, jsonl.JsonlReport, Counter[str], int]:
    options = workers.worker_options()
    first, lines = item
    cleaner = RecordCleaner(options, "")
    out: list[bytes] = []
    report = jsonl.clean_lines(lines, out.append, cleaner, options.text_key, first)
    return b"".join(out), report, cleaner.removed, cleaner.refused
