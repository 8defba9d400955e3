"""Settings are found from each file's own folders, as ruff finds its own; --config overrides them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from cleaner.cli import app

runner = CliRunner()
DIRTY = "Story body that stays.\n\n[ad_1]\n"


def _project(root: Path, table: str = '[tool.cleaner]\nignore = ["AD001"]\n') -> Path:
    (root / "sub").mkdir(parents=True)
    (root / "pyproject.toml").write_text(table)
    (root / "sub" / "p.txt").write_text(DIRTY)
    return root / "sub" / "p.txt"


def test_a_file_uses_the_settings_of_its_own_project_when_run_from_elsewhere(tmp_path: Path) -> None:
    page = _project(tmp_path / "proj")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    proc = subprocess.run(
        [sys.executable, "-m", "cleaner", "clean", os.path.relpath(page, elsewhere)],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == DIRTY  # AD001 is ignored in proj


def test_each_file_of_one_run_gets_its_own_settings(tmp_path: Path) -> None:
    inside = _project(tmp_path / "proj")
    outside = tmp_path / "loose" / "q.txt"
    outside.parent.mkdir()
    outside.write_text(DIRTY)
    nested = tmp_path / "proj" / "sub" / "deeper"
    nested.mkdir()
    (nested / "cleaner.toml").write_text('select = ["CM"]\n')  # cleaner.toml: top-level keys
    (nested / "r.txt").write_text(DIRTY)
    result = runner.invoke(app, ["check", str(tmp_path), "-v"])
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines() == [f"Would fix {outside}"]
    assert f"{inside}: nothing removed" in result.stderr
    assert f"{nested / 'r.txt'}: nothing removed" in result.stderr


def test_cleaner_toml_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    page = _project(tmp_path / "proj", '[tool.cleaner]\nselect = ["CM"]\n')
    (tmp_path / "proj" / "cleaner.toml").write_text("ignore = []\n")
    result = runner.invoke(app, ["clean", str(page)])
    assert result.stdout == "Story body that stays.\n"


def test_config_option_overrides_discovery(tmp_path: Path) -> None:
    page = _project(tmp_path / "proj")
    other = tmp_path / "other.toml"
    other.write_text('ignore = ["CM"]\n')
    result = runner.invoke(app, ["clean", str(page), "--config", str(other)])
    assert result.stdout == "Story body that stays.\n"


def test_command_line_options_win_over_the_discovered_settings(tmp_path: Path) -> None:
    page = _project(tmp_path / "proj")
    result = runner.invoke(app, ["clean", str(page), "--ignore", "CM"])
    assert result.stdout == "Story body that stays.\n"


def test_a_bad_settings_file_found_for_any_file_stops_the_run_before_anything_is_written(tmp_path: Path) -> None:
    good = tmp_path / "a" / "x.txt"
    good.parent.mkdir()
    good.write_text(DIRTY)
    bad = tmp_path / "z"
    bad.mkdir()
    (bad / "cleaner.toml").write_text("mode = 'loud'\n")
    (bad / "y.txt").write_text(DIRTY)
    result = runner.invoke(app, ["fix", str(tmp_path), "--jobs", "1"])
    assert result.exit_code == 2 and "cleaner.toml" in result.stderr and "mode" in result.stderr
    assert good.read_text() == DIRTY


def test_explain_uses_the_settings_of_the_file(tmp_path: Path) -> None:
    page = _project(tmp_path / "proj")
    result = runner.invoke(app, ["explain", str(page)])
    assert "AD001" not in result.stdout
