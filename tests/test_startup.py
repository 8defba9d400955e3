"""Start-up stays short: importing the library and the CLI must not pull in the HTML stack."""

from __future__ import annotations

import json
import subprocess
import sys

# Heavy modules (together several hundred ms of import) that only HTML input or content detection needs.
HEAVY = ("trafilatura", "lxml", "justext")


def test_importing_cleaner_and_cli_does_not_import_html_libraries() -> None:
    code = (
        "import json, sys\n"
        "import cleaner, cleaner.cli\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == []
