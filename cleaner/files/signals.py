"""Stop signals (Ctrl-C, SIGTERM, SIGHUP) held while a file is written, and delivered right after."""

from __future__ import annotations

import _thread
import contextlib
import signal
import sys
from collections.abc import Callable, Iterator
from types import FrameType


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP: the run stops as on Ctrl-C, every file untouched or fully written."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


# Stop signals that arrive inside `_signals_held` wait for its end: the kernel holds them for this
# thread, and a handler wrapped by `deferred` (needed when another thread, a progress bar's, takes
# the signal) notes them here; the end of the block delivers them.
_held_depth = 0
_pending: int | None = None

SignalHandler = Callable[[int, FrameType | None], None]


def deferred(handler: Callable[[int], None]) -> SignalHandler:
    """A signal handler that runs `handler`, or, inside a write, right after it."""

    def run(signum: int, _frame: FrameType | None) -> None:
        global _pending
        if _held_depth:
            _pending = signum
        else:
            handler(signum)

    return run


def forget_held() -> None:
    """In a freshly forked worker: it holds no block of its own. One inherited from the parent (forked
    inside a held block) would otherwise defer every stop signal to a block end that never comes."""
    global _held_depth, _pending
    _held_depth, _pending = 0, None


def stop_signal(signum: int) -> None:
    """The CLI's handler for SIGINT, SIGTERM and SIGHUP (wrap it in `deferred`)."""
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Terminated(signum)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C, SIGTERM and SIGHUP until the block ends, so a write is never left half done and
    no temporary file is left behind; the signal is delivered right after."""
    global _held_depth, _pending
    held = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    _held_depth += 1
    try:
        yield
    finally:
        _held_depth -= 1
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        if _pending is not None and not _held_depth:
            signum, _pending = _pending, None
            handler = signal.getsignal(signum)
            if callable(handler):
                handler(signum, None)


signals_held = _signals_held
"""Stop signals wait for the end of the block (see `_signals_held`)."""


_RESEND_AFTER = 0.01  # seconds


def stops_outlive_finalisers() -> Callable[[], None]:
    """From now on, a stop raised by a handler while a finaliser runs (a `__del__` called by the
    garbage collector, a weakref callback), which Python prints as "Exception ignored" and drops, is
    sent again, to land in ordinary code: dropped, it left a worker running until it was killed.
    Returns what puts the previous hook back."""
    previous = sys.unraisablehook

    def resend(unraisable: sys.UnraisableHookArgs) -> None:
        stop = unraisable.exc_value
        if not isinstance(stop, KeyboardInterrupt):
            previous(unraisable)
        else:
            # Sent from another thread a moment later: sent from here, its handler would run (and
            # raise) inside this hook, where the exception is dropped again.
            import threading

            signum = stop.signum if isinstance(stop, Terminated) else signal.SIGINT
            resend_later = threading.Timer(_RESEND_AFTER, _thread.interrupt_main, (signum,))
            resend_later.daemon = True
            resend_later.start()

    def restore() -> None:
        sys.unraisablehook = previous

    sys.unraisablehook = resend
    return restore
