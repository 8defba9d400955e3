"""The options users expect from black and ruff: --version, -h, plain help labels, completion."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import cleaner
from cleaner.cli import app

runner = CliRunner()


def test_version_prints_the_package_version() -> None:
    proc = subprocess.run([sys.executable, "-m", "cleaner", "--version"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0
    assert proc.stdout == f"cleaner {cleaner.__version__}\n"


def test_version_matches_the_installed_distribution() -> None:
    from importlib.metadata import version

    assert cleaner.__version__ == version("cleaner")


@pytest.mark.parametrize("command", [[], ["clean"], ["fix"], ["check"], ["rules"], ["explain"]])
def test_dash_h_is_help(command: list[str]) -> None:
    short = runner.invoke(app, [*command, "-h"], env={"COLUMNS": "100"})
    assert short.exit_code == 0, short.output
    assert short.stdout == runner.invoke(app, [*command, "--help"], env={"COLUMNS": "100"}).stdout
    assert "Usage: " in short.stdout


@pytest.mark.parametrize("command", [["clean"], ["fix"], ["check"], ["explain"], []])
def test_help_labels_are_plain(command: list[str]) -> None:
    text = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "80"}).stdout
    for python_label in ("<bool>", "<str>", "<list[", "<int", "<float", "<path>", "{paths}", "{path}"):
        assert python_label not in text, python_label
    if command:
        assert "PATH" in text


def test_help_shows_the_clean_glob_default_whole() -> None:
    text = runner.invoke(app, ["clean", "--help"], env={"COLUMNS": "80"}).stdout
    flat = " ".join(text.replace("│", " ").split())
    assert "[default: *.txt, *.html, *.htm, *.jsonl, *.jsonl.gz]" in flat


def test_glob_with_spaces_after_commas_as_the_help_shows_it(tmp_path: Path) -> None:

    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("Story.\n\n[ad_1]\n")
    (src / "b.md").write_text("Notes.\n\n[ad_1]\n")
    (src / "c.rst").write_text("Other.\n")
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(src), "-o", str(out), "--glob", "*.txt, *.md"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["a.txt", "b.md"]


def test_shell_completion_is_offered() -> None:
    text = runner.invoke(app, ["--help"]).stdout
    assert "--install-completion" in text and "--show-completion" in text


def test_the_package_says_it_is_typed() -> None:
    # PEP 561: type checkers read the package's annotations only when it ships py.typed.
    from importlib.resources import files

    assert files("cleaner").joinpath("py.typed").is_file()
