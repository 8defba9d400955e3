from __future__ import annotations

from cleaner.cli import main

main()
