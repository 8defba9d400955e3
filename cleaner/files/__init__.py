"""Finding input files (discovery), reading them safely (reading), writing outputs atomically
(writing), and holding stop signals while a file is written (signals)."""

from __future__ import annotations

from cleaner.files.discovery import DEFAULT_EXCLUDES, Selection, Task, discover, inside, output_overlap
from cleaner.files.reading import (
    InputError,
    decode,
    decode_detailed,
    open_regular,
    read_bytes,
    read_decoded,
    read_text,
)
from cleaner.files.signals import (
    Terminated,
    deferred,
    forget_held,
    signals_held,
    stop_signal,
    stops_outlive_finalisers,
)
from cleaner.files.writing import atomic_write, check_writable, replacing

__all__ = [
    "DEFAULT_EXCLUDES",
    "InputError",
    "Selection",
    "Task",
    "Terminated",
    "atomic_write",
    "check_writable",
    "decode",
    "decode_detailed",
    "deferred",
    "discover",
    "forget_held",
    "inside",
    "open_regular",
    "output_overlap",
    "read_bytes",
    "read_decoded",
    "read_text",
    "replacing",
    "signals_held",
    "stop_signal",
    "stops_outlive_finalisers",
]
