"""The real CLI, through typer's runner and as a subprocess, on files in temporary folders."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from cleaner.cli import app

runner = CliRunner()


def _tree(tmp_path: Path, seeds_dir: Path) -> Path:
    src = tmp_path / "captures"
    (src / "nested").mkdir(parents=True)
    for raw in sorted(seeds_dir.glob("*.raw.txt"))[:3]:
        shutil.copy(raw, src / raw.name.replace(".raw", ""))
    shutil.copy(sorted(seeds_dir.glob("*.raw.txt"))[3], src / "nested" / "deep.txt")
    (src / "notes.md").write_text("not a capture\n")
    return src


def test_clean_mirrors_tree_and_keeps_inputs(tmp_path: Path, seeds_dir: Path) -> None:
    src = _tree(tmp_path, seeds_dir)
    before = {p: p.read_bytes() for p in src.rglob("*") if p.is_file()}
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    produced = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert produced == sorted(p.relative_to(src).as_posix() for p in before if p.suffix == ".txt")
    assert {p: p.read_bytes() for p in before} == before
    assert "[ad_1]" not in (out / "nested" / "deep.txt").read_text()
    assert "4 file(s) cleaned" in result.output


def test_second_run_is_byte_identical(tmp_path: Path, seeds_dir: Path) -> None:
    src = _tree(tmp_path, seeds_dir)
    out, out2 = tmp_path / "out", tmp_path / "out2"
    assert runner.invoke(app, ["clean", str(src), "-o", str(out)]).exit_code == 0
    assert runner.invoke(app, ["clean", str(out), "-o", str(out2)]).exit_code == 0
    for p in out.rglob("*.txt"):
        assert (out2 / p.relative_to(out)).read_bytes() == p.read_bytes()


def test_glob_selects_files(tmp_path: Path, seeds_dir: Path) -> None:
    src = _tree(tmp_path, seeds_dir)
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(src), "-o", str(out), "--glob", "*.md"])
    assert result.exit_code == 0
    assert [p.name for p in out.rglob("*") if p.is_file()] == ["notes.md"]


def test_stdin_to_stdout() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "cleaner", "clean", "-"],
        input=b"Story body.\n\n[ad_1]\nLeave a Reply\n",
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == b"Story body.\n"


def test_bad_file_is_reported_and_others_still_cleaned(tmp_path: Path, seeds_dir: Path) -> None:
    src = _tree(tmp_path, seeds_dir)
    (src / "binary.txt").write_bytes(b"\x00\x01\x02garbage")
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(src), "-o", str(out)])
    assert result.exit_code == 2
    assert "binary.txt" in result.output and "Traceback" not in result.output
    assert not (out / "binary.txt").exists()
    assert (out / "nested" / "deep.txt").exists()


def test_rules_lists_every_rule() -> None:
    from cleaner.registry import BUILTIN

    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0
    for r in BUILTIN:
        assert r.id in result.output and r.name in result.output


def test_explain_names_a_rule_for_each_removed_line_of_seed_000(seeds_dir: Path) -> None:
    raw = seeds_dir / "000_8d22e6c442727b72.raw.txt"
    result = runner.invoke(app, ["explain", str(raw)])
    assert result.exit_code == 0
    lines = raw.read_text().splitlines()
    kept = set((seeds_dir / "000_8d22e6c442727b72.expected.txt").read_text().splitlines())
    removed_numbers = [n for n, t in enumerate(lines, 1) if t.strip() and t not in kept]
    for n in removed_numbers:
        assert any(
            row.split()[:1] == [str(n)] and row.split()[1][:2].isalpha() for row in result.output.splitlines()
        ), n


def test_unknown_rule_is_a_usage_error(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Text.\n")
    result = runner.invoke(app, ["clean", str(f), "--ignore", "ZZ123"])
    assert result.exit_code == 2
    assert "ZZ123" in result.output
