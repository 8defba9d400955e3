"""Set-up of a worker process: its options, its signals, and its end with the parent."""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from cleaner import files
from cleaner.batch.options import Options

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

# Set in each worker process by init_worker, so options travel once per worker, not once per file.
_WORKER_OPTIONS: Options | None = None


def init_worker(options: Options, parent: int) -> None:
    global _WORKER_OPTIONS
    _WORKER_OPTIONS = options
    # Ctrl-C reaches the whole process group; workers finish the file in hand and the parent stops
    # handing out new ones, so every file ends up untouched or fully written.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    files.forget_held()
    # SIGTERM and SIGHUP (and the parent's death, below) stop a worker at once: the file in hand is
    # dropped (a write under way is finished first), so it too is untouched or fully written.
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, files.deferred(_worker_stop))
    files.stops_outlive_finalisers()
    _die_with(parent)
    # Forked with these blocked (see forking_workers): one sent meanwhile is delivered now, to the
    # handlers above.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)


def worker_options() -> Options:
    """In a worker process: the options init_worker was given."""
    assert _WORKER_OPTIONS is not None, "init_worker has not run in this process"
    return _WORKER_OPTIONS


STOP_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM, signal.SIGHUP})


@contextlib.contextmanager
def forking_workers() -> Iterator[None]:
    """Fork workers inside this block: they start with the stop signals blocked and unblock them in
    `init_worker`, once their own handlers are in place. A signal that reaches a fresh fork before
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
    calls what `prepare_workers` loaded in the parent: importing or loading a library there could
    wait forever on a lock another thread of the parent held at the fork."""
    return _PRCTL is not None and int(_PRCTL(_PR_SET_PDEATHSIG, signum, 0, 0, 0)) == 0


_PRCTL: Callable[..., int] | None = None


def prepare_workers() -> None:
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


@contextlib.contextmanager
def in_step() -> Iterator[None]:
    """A worker works on files inside this block (see _IN_STEP): a stop signal raises Terminated."""
    global _IN_STEP
    _IN_STEP = True
    try:
        yield
    finally:
        _IN_STEP = False


def _worker_stop(signum: int) -> None:
    if _IN_STEP:
        raise files.Terminated(signum)
    os._exit(128 + signum)


def end_or_kill(processes: Sequence[BaseProcess], grace: float) -> None:
    """Wait up to `grace` seconds for `processes` to end; kill those still alive then. (By their
    sentinels, which tell an end whichever thread reaps the process.)"""
    from multiprocessing.connection import wait

    deadline = time.monotonic() + grace
    alive = {worker.sentinel: worker for worker in processes}
    while alive and (left := deadline - time.monotonic()) > 0:
        for ended in wait(list(alive), left):
            del alive[ended]  # type: ignore[arg-type]
    for worker in alive.values():
        worker.kill()
