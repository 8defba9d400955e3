"""Start-up stays short: importing the library and the CLI must not pull in the HTML stack."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from cleaner.cli import app

runner = CliRunner()

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


# What a plain-text stream needs none of: the HTML stack, the charset detector (UTF-8 decodes as it
# is), the gitignore matcher (no folder is walked) and pydantic (typer's coercion of the values given;
# about a tenth of a second of start-up on its own).
NOT_FOR_PLAIN_TEXT = (*HEAVY, "charset_normalizer", "pathspec", "pydantic", "pydantic_core")


def _imported_by(args: list[str], stdin: str) -> tuple[set[str], str]:
    """The top-level packages a real run of `cleaner ARGS` imported (python -X importtime lists each
    module as it is imported), and what it printed."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "cleaner", *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
    )
    names = {line.rsplit("|", 1)[1].strip().split(".")[0] for line in result.stderr.splitlines() if "|" in line}
    return names, result.stdout


def test_cleaning_plain_text_from_stdin_imports_nothing_it_does_not_need() -> None:
    names, out = _imported_by(["clean", "-"], "The council met on Monday.\n\nShare this article\n")
    assert "cleaner" in names and out == "The council met on Monday.\n"
    assert sorted(names & set(NOT_FOR_PLAIN_TEXT)) == []


def test_help_imports_no_pydantic() -> None:
    names, out = _imported_by(["--help"], "")
    assert "Usage" in out
    assert sorted(names & {"pydantic", "pydantic_core", "pathspec"}) == []


def test_values_typer_must_convert_are_still_converted_and_checked(tmp_path: Path) -> None:
    # Values other than missing ones, plain strings, enum defaults and paths go to typer's own
    # coercion: converted as before, and refused as before.
    doc = tmp_path / "doc.txt"
    doc.write_text("The council met on Monday.\n\nShare this article\n")
    converted = runner.invoke(app, ["check", str(doc), "--mode", "conservative", "--jobs", "1", "--max-removal", "0.5"])
    assert converted.exit_code == 1, converted.output
    for bad, message in (
        (["--mode", "bogus"], "Invalid value for '--mode': Value error, 'bogus' is not one of"),
        (["--jobs", "two"], "Invalid value for '-j' / '--jobs': Input should be a valid integer"),
    ):
        refused = runner.invoke(app, ["check", str(doc), *bad])
        assert refused.exit_code == 2
        assert message in " ".join(refused.output.replace("│", " ").split())
