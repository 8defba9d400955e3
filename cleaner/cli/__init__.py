"""The `cleaner` command: a thin layer over the library (cleaner.batch does the per-file work)."""

from __future__ import annotations

from cleaner.cli import commands  # noqa: F401  (registers the commands on the app)
from cleaner.cli.app import app, main

__all__ = ["app", "main"]
