"""Running the step over many files: in this process or a process pool, results in task order, Ctrl-C safe."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from itertools import chain, islice
from typing import TYPE_CHECKING

from cleaner import files
from cleaner.batch import workers
from cleaner.batch.options import Options
from cleaner.batch.outputs import format_of
from cleaner.batch.records import CHUNKS_IN_FLIGHT, TERMINATE_GRACE
from cleaner.batch.report import FileResult
from cleaner.batch.steps import process
from cleaner.batch.workers import end_or_kill, forking_workers, init_worker, prepare_workers
from cleaner.files import Task

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor
    from multiprocessing.process import BaseProcess


def _work(task: Task) -> FileResult:
    return process(task, workers.worker_options())


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

    def each(self, consume: Callable[[FileResult], None]) -> None:
        """`consume` each result, in task order. Unlike a `for` loop over the run, Ctrl-C never falls
        between taking a result and consuming it (a `for` loop leaves a few bytecodes there, where a
        written file's result would be lost): each result is consumed whole, or left for `finish`."""
        for res in self:
            with ctrl_c_held():
                consume(res)

    def finish(self, consume: Callable[[FileResult], None]) -> None:
        """After Ctrl-C: stop handing out files, wait for those in hand, and `consume` their results
        in task order. A second Ctrl-C stops the workers at once (see `stop`); the results that had
        come back are still consumed, then KeyboardInterrupt is raised."""
        return None

    def close(self) -> None:
        """Stop: the files in hand are finished, the rest are never started."""
        return None

    def stop(self) -> None:
        """Stop at once (SIGTERM, a broken pipe): each worker drops the file in hand (no half-written
        or temporary file) and exits, instead of finishing its chunk; `close` is then done too."""
        stop_workers()


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

    def each(self, consume: Callable[[FileResult], None]) -> None:
        if self._interrupted:
            raise KeyboardInterrupt
        for task in self._tasks:
            if format_of(task, self._options) == "jsonl":
                res = process(task, self._options)  # not held: see __next__
                with ctrl_c_held():
                    consume(res)
                continue
            with ctrl_c_held():  # the Ctrl-C comes once the file in hand is written and consumed
                consume(process(task, self._options))


class _PoolRun(Run):
    """Chunks of tasks go to a process pool, a few per worker at a time; one more goes in as each
    comes back, in order."""

    def __init__(
        self, pool: ProcessPoolExecutor, window: deque[Future[list[FileResult]]], chunks: Iterator[list[Task]]
    ) -> None:
        self._pool, self._window, self._chunks = pool, window, chunks
        # The pool's own references are dropped by `shutdown`, even one that does not wait, while its
        # workers may still run and send: `stop` and the watch for dead workers keep using these.
        self._processes: Mapping[int, BaseProcess] = pool._processes
        self._results_pipe = pool._result_queue
        self._manager: threading.Thread | None = getattr(pool, "_executor_manager_thread", None)  # see _shut
        self._ready: deque[FileResult] = deque()
        """Results of a chunk that came back, not yet taken; on Ctrl-C, `finish` consumes them."""
        self._stopped = False

    def __next__(self) -> FileResult:
        if not self._wait():
            raise StopIteration
        return self._ready.popleft()

    def each(self, consume: Callable[[FileResult], None]) -> None:
        while self._wait():
            with ctrl_c_held():
                consume(self._ready.popleft())

    def _wait(self) -> bool:
        """Wait until a result is ready (True), or the run is over (False)."""
        while not self._ready:
            if not self._window:
                self.close()
                return False
            # Ctrl-C mostly lands in this wait; the chunk stays in the window, for `finish`.
            from concurrent.futures.process import BrokenProcessPool

            try:
                done = self._result(self._window[0])
            except BrokenProcessPool:
                raise WorkerDied("a worker process was killed (out of memory, or by a signal)") from None
            except files.Terminated:
                self.stop()  # the file in hand, not the chunk in hand
                raise
            with ctrl_c_held():  # a chunk is in the window or in `_ready`, never lost between them
                self._window.popleft()
                self._ready.extend(done)
                for chunk in islice(self._chunks, 1):
                    with forking_workers():  # a submit may fork a worker
                        self._window.append(self._pool.submit(_work_chunk, chunk))
        return True

    def _result(self, future: Future[list[FileResult]]) -> list[FileResult]:
        """The chunk's results. A worker killed (out of memory, SIGKILL) while it sent a result leaves
        half a message, and the pool's reader then waits for the rest for ever instead of marking the
        pool broken: a worker found dead while a result is still awaited DEAD_GRACE seconds on gets
        the pool stopped (see `stop`), which breaks it (BrokenProcessPool)."""
        from multiprocessing.connection import wait

        dead_since: float | None = None
        while True:
            try:
                return future.result(timeout=_POLL)
            except TimeoutError:
                pass
            if dead_since is None:
                if wait([worker.sentinel for worker in self._workers()], 0):
                    dead_since = time.monotonic()
            elif time.monotonic() - dead_since > DEAD_GRACE:
                self.stop()
                if not future.done():  # (stop breaks the pool: the future has its exception)
                    from concurrent.futures.process import BrokenProcessPool

                    raise BrokenProcessPool("a worker died while it sent a result")

    def finish(self, consume: Callable[[FileResult], None]) -> None:
        # Workers ignore SIGINT (see init_worker): each finishes the chunk in hand. The pool itself cancels
        # the chunks not taken (one cancelled from here may still be failed by the pool if a worker dies,
        # which raises in the pool's thread). `_result` waits; shutdown's wait ignores dead workers.
        from concurrent.futures.process import BrokenProcessPool

        self._pool.shutdown(wait=False, cancel_futures=True)
        try:
            while self._wait_in_hand():
                with ctrl_c_held():
                    consume(self._ready.popleft())
        except BrokenProcessPool:
            pass  # a worker died: the chunks that came back before it were reported
        except KeyboardInterrupt:  # a second Ctrl-C: files in hand dropped, those written reported
            self.stop()
            with ctrl_c_held():
                for future in self._window:
                    if future.done() and not future.cancelled() and future.exception() is None:
                        self._ready.extend(future.result())
                self._window.clear()
                while self._ready:
                    consume(self._ready.popleft())
            raise
        self.close()

    def _wait_in_hand(self) -> bool:
        """As `_wait`, after Ctrl-C: no new chunk is handed out, and cancelled ones are passed over."""
        from concurrent.futures import CancelledError

        while not self._ready:
            if not self._window:
                return False
            try:
                done = self._result(self._window[0])
            except CancelledError:
                done = []
            with ctrl_c_held():
                self._window.popleft()
                self._ready.extend(done)
        return True

    def close(self) -> None:
        if not self._stopped:
            self._shut()

    def _shut(self) -> None:
        # After a shutdown that did not wait (`finish`), the pool no longer knows its manager thread and
        # a later shutdown does not wait for it: left running at exit, it closes its wake-up pipe while
        # the interpreter's exit hook writes to it ("Bad file descriptor", seen after Ctrl-C).
        self._pool.shutdown(wait=True, cancel_futures=True)
        if self._manager is not None:
            self._manager.join()

    def _workers(self) -> list[BaseProcess]:
        return list(self._processes.values())

    def stop(self) -> None:
        # A worker stopped while it sends a result leaves half a message in the result pipe, and the
        # pool's reader thread, which reads a result with no time limit, then waits for the rest for
        # ever (and `shutdown` with it): this process holds the pipe's other end too, so no end of file
        # comes. So: every worker ends (killed if it outlives its SIGTERM by STOP_GRACE seconds), then
        # this process lets go of that end; the reader sees the end of the pipe and the pool shuts down.
        if self._stopped:
            return
        self._stopped = True
        workers = self._workers()
        for worker in workers:
            worker.terminate()
        end_or_kill(workers, STOP_GRACE)
        writer = getattr(self._results_pipe, "_writer", None)
        if writer is not None:
            writer.close()
        self._shut()


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

    prepare_workers()
    pool = ProcessPoolExecutor(workers, initializer=init_worker, initargs=(options, os.getpid()))
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
    # The Terminated of a stop anywhere in the block, its start and end included, ends the worker here.
    try:
        with workers.in_step():
            return [_work(task) for task in chunk]
    except files.Terminated as stop:
        os._exit(128 + stop.signum)


# Seconds between looks at the workers while a result is awaited, and seconds a worker may lie dead
# before the pool is stopped (its reader, had it seen the death, would have broken the pool at once).
_POLL = 0.5
DEAD_GRACE = 2.0

# Seconds a file-pool worker has to end after its SIGTERM before it is killed: one in a file ends at
# once, or after the write in hand (a killed one leaves at most a temporary file, never a half file).
STOP_GRACE = TERMINATE_GRACE


class WorkerDied(Exception):
    """A worker process ended without being asked (killed, or out of memory); the run stops."""


def stop_workers() -> None:
    """SIGTERM to this process's worker processes: each drops the file in hand (no half-written or
    temporary file) and exits, instead of finishing its chunk. For a run stopped by SIGTERM or a
    broken pipe."""
    import multiprocessing

    for child in multiprocessing.active_children():
        child.terminate()
