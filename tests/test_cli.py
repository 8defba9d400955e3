"""The real CLI, through typer's runner and as a subprocess, on files in temporary folders."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner import clean_text
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
    assert _summary_row(result.output, "files") == "4"


def _summary_row(output: str, label: str) -> str:
    """The value of one row of the end-of-run summary table."""
    rows = [line.split() for line in output.splitlines()]
    return next(row[-1] for row in rows if row[:-1] == label.split())


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


def _dirty(folder: Path, seeds_dir: Path) -> dict[Path, bytes]:
    """A folder with three dirty captures and one clean one; returns the contents before."""
    folder.mkdir(parents=True, exist_ok=True)
    raws = sorted(seeds_dir.glob("*.raw.txt"))
    for raw in raws[:3]:
        shutil.copy(raw, folder / raw.name.replace(".raw", ""))
    shutil.copy(raws[0].with_name(raws[0].name.replace(".raw.", ".expected.")), folder / "clean.txt")
    return {p: p.read_bytes() for p in folder.iterdir()}


def test_check_then_fix_then_check(tmp_path: Path, seeds_dir: Path) -> None:
    folder = tmp_path / "captures"
    before = _dirty(folder, seeds_dir)
    dirty = sorted(str(p) for p in before if p.name != "clean.txt")

    check = runner.invoke(app, ["check", str(folder)])
    assert check.exit_code == 1
    assert sorted(line.removeprefix("Would fix ") for line in check.stdout.splitlines()) == dirty
    assert {p: p.read_bytes() for p in before} == before  # check writes nothing

    clean_stat = (folder / "clean.txt").stat()
    fix = runner.invoke(app, ["fix", str(folder)])
    assert fix.exit_code == 1
    assert sorted(fix.stdout.splitlines()) == [f"Fixing {p}" for p in dirty]
    assert (folder / "clean.txt").read_bytes() == before[folder / "clean.txt"]
    assert (folder / "clean.txt").stat().st_mtime_ns == clean_stat.st_mtime_ns  # not rewritten
    for path in before:
        assert path.read_text() == clean_text(before[path].decode())
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]

    assert runner.invoke(app, ["check", str(folder)]).exit_code == 0
    again = runner.invoke(app, ["fix", str(folder)])
    assert again.exit_code == 0 and again.stdout == ""


def test_fix_keeps_permissions(tmp_path: Path, seeds_dir: Path) -> None:
    folder = tmp_path / "captures"
    _dirty(folder, seeds_dir)
    target = sorted(folder.glob("0*.txt"))[0]
    target.chmod(0o640)
    assert runner.invoke(app, ["fix", str(target)]).exit_code == 1
    assert target.stat().st_mode & 0o777 == 0o640


def test_fix_writes_through_a_symlink(tmp_path: Path, seeds_dir: Path) -> None:
    folder = tmp_path / "captures"
    before = _dirty(folder, seeds_dir)
    target = sorted(p for p in before if p.name != "clean.txt")[0]
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    result = runner.invoke(app, ["fix", str(link)])
    assert result.exit_code == 1 and f"Fixing {link}" in result.stdout
    assert link.is_symlink() and link.resolve() == target
    assert target.read_text() == clean_text(before[target].decode())


def test_new_outputs_get_ordinary_permissions(tmp_path: Path, seeds_dir: Path) -> None:
    folder = tmp_path / "captures"
    _dirty(folder, seeds_dir)
    out = tmp_path / "out"
    assert runner.invoke(app, ["clean", str(folder), "-o", str(out)]).exit_code == 0
    umask = os.umask(0)
    os.umask(umask)
    assert {p.stat().st_mode & 0o777 for p in out.iterdir()} == {0o666 & ~umask}


def test_check_diff_prints_a_unified_diff_and_writes_nothing(tmp_path: Path, seeds_dir: Path) -> None:
    folder = tmp_path / "captures"
    before = _dirty(folder, seeds_dir)
    result = runner.invoke(app, ["check", "--diff", str(folder)])
    assert result.exit_code == 1
    assert "-Source link" in result.stdout and "-Leave a Reply" in result.stdout
    assert result.stdout.count("\n--- ") + result.stdout.startswith("--- ") == 3
    assert "clean.txt" not in result.stdout
    assert {p: p.read_bytes() for p in before} == before


def test_fix_diff_prints_what_was_changed(tmp_path: Path, seeds_dir: Path) -> None:
    folder = tmp_path / "captures"
    before = _dirty(folder, seeds_dir)
    result = runner.invoke(app, ["fix", "--diff", str(folder)])
    assert result.exit_code == 1
    assert "Fixing " in result.stdout and "-Leave a Reply" in result.stdout
    assert all(p.read_text() == clean_text(before[p].decode()) for p in before)


def test_a_bad_file_gives_exit_2_and_the_others_are_still_fixed(tmp_path: Path, seeds_dir: Path) -> None:
    folder = tmp_path / "captures"
    before = _dirty(folder, seeds_dir)
    (folder / "binary.txt").write_bytes(b"\x00\x01garbage")
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["fix", str(folder), str(missing)])
    assert result.exit_code == 2
    assert f"{folder / 'binary.txt'}: binary file" in result.stderr
    assert f"{missing}: cannot read" in result.stderr
    assert "Traceback" not in result.output
    assert all(p.read_text() == clean_text(before[p].decode()) for p in before)
    assert (folder / "binary.txt").read_bytes() == b"\x00\x01garbage"


def test_check_reports_errors_with_exit_2(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\x00\x01\x02garbage")
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 2 and "a.txt" in result.stderr


def test_stdin_is_only_for_clean() -> None:
    result = runner.invoke(app, ["fix", "-"])
    assert result.exit_code == 2 and "stdin" in result.stderr


def test_help_documents_exit_codes() -> None:
    for args in ([], ["fix"], ["check"]):
        result = runner.invoke(app, [*args, "--help"])
        assert result.exit_code == 0
        assert "Exit" in result.stdout and "2" in result.stdout


def _many(folder: Path, seeds_dir: Path, copies: int) -> None:
    raws = sorted(seeds_dir.glob("*.raw.txt"))
    for k in range(copies):
        sub = folder / f"part{k % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        shutil.copy(raws[k % len(raws)], sub / f"capture{k:03d}.txt")


def _tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_jobs_2_gives_the_same_outputs_and_messages_as_jobs_1(tmp_path: Path, seeds_dir: Path) -> None:
    src = tmp_path / "src"
    _many(src, seeds_dir, 24)
    runs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        proc = subprocess.run(
            [sys.executable, "-m", "cleaner", "clean", str(src), "-o", str(out), "--jobs", jobs],
            capture_output=True,
            text=True,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr
        runs[jobs] = (_tree_bytes(out), proc.stderr)
        checked = subprocess.run(
            [sys.executable, "-m", "cleaner", "check", "--diff", str(src), "--jobs", jobs],
            capture_output=True,
            text=True,
            check=False,
        )
        assert checked.returncode == 1
        runs[jobs + "check"] = (checked.stdout, checked.stderr)
    assert len(runs["1"][0]) == 24
    assert runs["1"] == runs["2"]
    assert runs["1check"] == runs["2check"]


def test_report_has_per_file_counts_and_totals(tmp_path: Path, seeds_dir: Path) -> None:
    folder = tmp_path / "captures"
    before = _dirty(folder, seeds_dir)
    (folder / "binary.txt").write_bytes(b"\x00")
    report = tmp_path / "report.json"
    result = runner.invoke(app, ["check", str(folder), "--report", str(report), "--jobs", "2"])
    assert result.exit_code == 2
    data = json.loads(report.read_text())
    by_name = {Path(f["path"]).name: f for f in data["files"]}
    assert set(by_name) == {p.name for p in before} | {"binary.txt"}
    assert by_name["binary.txt"]["error"]
    dirty = next(f for name, f in by_name.items() if name.startswith("000"))
    assert dirty["lines_removed"]["CM001"] >= 1 and dirty["changed"]
    assert dirty["bytes_in"] == len(before[folder / dirty["path"].rsplit("/", 1)[1]])
    assert dirty["bytes_out"] == len(clean_text(before[Path(dirty["path"])].decode()).encode())
    totals = data["totals"]
    assert totals["files"] == 5 and totals["changed"] == 3 and totals["errors"] == 1
    assert totals["bytes_in"] == sum(f["bytes_in"] for f in data["files"])
    assert totals["bytes_out"] == sum(f["bytes_out"] for f in data["files"])
    summed: Counter[str] = Counter()
    for f in data["files"]:
        summed.update(f["lines_removed"])
    assert totals["lines_removed"] == dict(summed)
    # the summary table on stderr shows the same totals
    assert _summary_row(result.stderr, "bytes in") == f"{totals['bytes_in']:,}"
    assert _summary_row(result.stderr, "lines removed") == f"{sum(summed.values()):,}"


def test_max_removal_leaves_a_mostly_debris_file_alone(tmp_path: Path) -> None:
    folder = tmp_path / "captures"
    folder.mkdir()
    debris = "Short note.\n\nLeave a Reply\nYour email address will not be published.\nRequired fields are marked *\n"
    (folder / "debris.txt").write_text(debris)
    (folder / "fine.txt").write_text("A story that stays.\n\n[ad_1]\n")
    assert runner.invoke(app, ["check", str(folder / "debris.txt")]).exit_code == 1  # 88% < 0.98: would fix
    check = runner.invoke(app, ["check", str(folder / "debris.txt"), "--max-removal", "0.5"])
    assert check.exit_code == 1  # the valve stopped it: a failure for check
    assert "debris.txt: cleaning would remove 88% of its words" in check.stderr and check.stdout == ""
    fix = runner.invoke(app, ["fix", str(folder / "debris.txt"), "--max-removal", "0.5"])
    assert fix.exit_code == 0 and "warning:" in fix.stderr
    assert (folder / "debris.txt").read_text() == debris
    out = tmp_path / "out"
    assert runner.invoke(app, ["clean", str(folder), "-o", str(out), "--max-removal", "0.5"]).exit_code == 0
    assert (out / "debris.txt").read_text() == debris
    assert (out / "fine.txt").read_text() == "A story that stays.\n"
    assert _summary_row(check.stderr, "warnings") == "1"
    # with the valve opened wide the same file is cleaned
    assert runner.invoke(app, ["fix", str(folder / "debris.txt"), "--max-removal", "1"]).exit_code == 1
    assert (folder / "debris.txt").read_text() == "Short note.\n"


def test_no_progress_bar_when_not_a_terminal(tmp_path: Path, seeds_dir: Path) -> None:
    src = tmp_path / "src"
    _many(src, seeds_dir, 30)
    result = runner.invoke(app, ["check", str(src), "--jobs", "1"])
    assert "━" not in result.stderr and "30/30" not in result.stderr


def test_ctrl_c_while_counting_files_exits_130_without_traceback(
    tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cleaner.batch.routing

    src = _tree(tmp_path, seeds_dir)
    before = {p: p.read_bytes() for p in src.rglob("*") if p.is_file()}

    def interrupted(*_args: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(cleaner.batch.routing, "discover", interrupted)
    result = runner.invoke(app, ["fix", str(src)])
    assert result.exit_code == 130
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "interrupted" in result.output and "Traceback" not in result.output
    assert {p: p.read_bytes() for p in before} == before


def test_a_file_where_an_output_folder_should_be_is_one_error_naming_it(tmp_path: Path) -> None:
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "sub" / "a.txt").write_text("The council met on Monday.\n")
    (tmp_path / "in" / "b.txt").write_text("The council met on Monday.\n")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "sub").write_text("in the way\n")
    result = runner.invoke(app, ["clean", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q", "--jobs", "1"])
    assert result.exit_code == 2
    assert result.output.splitlines() == [f"error: {tmp_path / 'out' / 'sub'}: File exists"]
    assert (tmp_path / "out" / "b.txt").read_text() == "The council met on Monday.\n"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["b.txt", "sub"]
