"""What the CLI draws on a terminal and prints around it: the progress bar, colour, -v, Ctrl-C."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pyte
import pytest
from typer.testing import CliRunner

from cleaner import clean_text
from cleaner.cli import app

runner = CliRunner()
ANSI_COLOUR = re.compile(r"\x1b\[[0-9;]*m")


def _on_a_terminal(args: list[str], env: dict[str, str] | None = None, rows: int = 300) -> tuple[str, list[str]]:
    """Run the CLI with stdout and stderr on one pseudo-terminal; return the bytes it wrote there and
    the screen they leave (a terminal emulator as tall as `rows`, so nothing scrolls off)."""
    import pty

    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleaner", *args],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
        env=os.environ | {"COLUMNS": "100", "LINES": str(rows), "TERM": "xterm-256color"} | (env or {}),
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait()
    os.close(leader)
    raw = b"".join(chunks).decode("utf-8", "replace")
    screen = pyte.Screen(100, rows)
    stream = pyte.Stream(screen)
    stream.feed(raw.replace("\n", "\r\n"))  # the pty's output processing turns \n into \r\n
    return raw, [line.rstrip() for line in screen.display]


def _captures(folder: Path, seeds_dir: Path, copies: int) -> list[Path]:
    folder.mkdir(parents=True)
    raws = sorted(seeds_dir.glob("*.raw.txt"))
    out = []
    for k in range(copies):
        target = folder / f"capture{k:03d}.txt"
        shutil.copy(raws[k % len(raws)], target)
        out.append(target)
    return out


def test_the_progress_bar_is_cleared_before_messages_and_results_print(tmp_path: Path, seeds_dir: Path) -> None:
    src = tmp_path / "src"
    _captures(src, seeds_dir, 30)
    for k in range(0, 30, 6):  # pages give a warning in check: they are cleaned by `clean` only
        (src / f"page{k:03d}.html").write_text("<html><body><p>A page.</p></body></html>\n")
    raw, screen = _on_a_terminal(["check", str(src), "--jobs", "1", "--glob", "*.txt,*.html"])
    assert "━" in raw  # a bar was drawn
    shown = [line for line in screen if line]
    assert not [line for line in shown if "━" in line], "\n".join(shown)
    warnings = [line for line in shown if "warning:" in line]
    assert len(warnings) == 5 and all(line.startswith("warning: ") for line in warnings), warnings
    would_fix = [line for line in shown if "Would fix" in line]
    assert len(would_fix) == 30 and all(line.startswith("Would fix ") for line in would_fix)


def test_colour_on_a_terminal_unless_no_color_or_no_color_flag(tmp_path: Path, seeds_dir: Path) -> None:
    src = tmp_path / "src"
    _captures(src, seeds_dir, 2)
    raw, _ = _on_a_terminal(["check", "--diff", str(src)])
    assert ANSI_COLOUR.search(raw) and "-Leave a Reply" in ANSI_COLOUR.sub("", raw)
    for args, env in ((["--no-color"], {}), ([], {"NO_COLOR": "1"})):
        raw, _ = _on_a_terminal(["check", "--diff", str(src), *args], env)
        assert not ANSI_COLOUR.search(raw), (args, env)
        assert "-Leave a Reply" in raw
    # --color colours a diff that goes to a pipe, and wins over NO_COLOR
    piped = runner.invoke(app, ["check", "--diff", str(src), "--color"], env={"NO_COLOR": "1"})
    assert piped.exit_code == 1
    assert "\x1b[31m-Leave a Reply" in piped.stdout
    plain = runner.invoke(app, ["check", "--diff", str(src)])
    assert not ANSI_COLOUR.search(plain.stdout) and "-Leave a Reply" in plain.stdout


def test_verbose_names_every_file_and_the_rules_that_fired(tmp_path: Path, seeds_dir: Path) -> None:
    src = tmp_path / "src"
    dirty = _captures(src, seeds_dir, 2)
    tidy = src / "tidy.txt"
    tidy.write_text("A sentence that stays.\n")
    quiet = runner.invoke(app, ["check", str(src)])
    assert "tidy.txt" not in quiet.output
    result = runner.invoke(app, ["check", str(src), "-v"])
    assert result.exit_code == 1
    assert f"{tidy}: nothing removed" in result.stderr
    for path in dirty:
        line = next(line for line in result.stderr.splitlines() if line.startswith(f"{path}: "))
        assert " line(s) removed by " in line
    assert "CM001 comments." in result.stderr  # ids with their names
    stdin = runner.invoke(app, ["clean", "-", "-v"], input="Story body.\n\n[ad_1]\n")
    assert stdin.stdout == "Story body.\n"
    assert "<stdin>: 1 line(s) removed by AD001 " in stdin.stderr


def test_stdin_filename_decides_the_format(tmp_path: Path) -> None:
    # An HTML fragment: no <html> or doctype, so only its name says it is a page.
    page = "<div><p>The council approved the budget on Tuesday after a long debate.</p></div>\n"
    as_text = runner.invoke(app, ["clean", "-"], input=page)
    assert "<p>" in as_text.stdout
    as_html = subprocess.run(
        [sys.executable, "-m", "cleaner", "clean", "-", "--stdin-filename", "x.html"],
        input=page.encode(),
        capture_output=True,
        check=False,
    )
    assert as_html.returncode == 0, as_html.stderr
    assert as_html.stdout.decode() == "The council approved the budget on Tuesday after a long debate.\n"


def test_stdin_filename_names_stdin_in_messages_and_finds_its_settings(tmp_path: Path) -> None:
    proj = tmp_path / "proj"
    (proj / "sub").mkdir(parents=True)
    (proj / "pyproject.toml").write_text('[tool.cleaner]\nignore = ["AD001"]\n')
    text = "Story body.\n\n[ad_1]\n"
    elsewhere = runner.invoke(app, ["clean", "-", "--stdin-filename", str(tmp_path / "x.txt")], input=text)
    assert elsewhere.stdout == "Story body.\n"
    inside = runner.invoke(app, ["clean", "-", "--stdin-filename", str(proj / "sub" / "x.txt"), "-v"], input=text)
    assert inside.exit_code == 0, inside.output
    assert inside.stdout == text  # AD001 is ignored there
    assert f"{proj / 'sub' / 'x.txt'}: nothing removed" in inside.stderr
    misuse = runner.invoke(app, ["clean", str(proj), "--stdin-filename", "x.txt"])
    assert misuse.exit_code == 2 and "--stdin-filename" in misuse.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_leaves_files_untouched_or_fully_cleaned_and_reports_each_it_wrote(
    tmp_path: Path, seeds_dir: Path, jobs: str
) -> None:
    folder = tmp_path / "captures"
    folder.mkdir()
    # Long files, so the run is still going when the signal comes.
    texts = [raw.read_text() * 12 for raw in sorted(seeds_dir.glob("*.raw.txt"))]
    cleaned = [clean_text(t) for t in texts]
    for k in range(300):
        (folder / f"c{k:03d}.txt").write_text(texts[k % len(texts)])
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleaner", "fix", str(folder), "--jobs", jobs, "-q"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=os.environ | {"PYTHONUNBUFFERED": "1"},
        start_new_session=True,  # its own process group, which a terminal's Ctrl-C signals as a whole
        # A shell's background job starts with Ctrl-C ignored, and a child inherits that: give the
        # run the default disposition, as a terminal's foreground job has, so the test means the same anywhere.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    assert first.startswith(b"Fixing ")
    os.killpg(proc.pid, signal.SIGINT)
    # Read through the same buffered pipes (communicate would skip what readline buffered).
    out, err = proc.stdout.read(), proc.stderr.read()
    assert proc.wait(timeout=60) == 130, err
    assert b"Traceback" not in err
    written = set()
    for k in range(300):
        now = (folder / f"c{k:03d}.txt").read_text()
        assert now in (texts[k % len(texts)], cleaned[k % len(texts)])
        if now == cleaned[k % len(texts)]:
            written.add(str(folder / f"c{k:03d}.txt"))
    assert 0 < len(written) < 300
    assert sorted(p.name for p in folder.iterdir()) == [f"c{k:03d}.txt" for k in range(300)]
    # Each file written got its `Fixing` line, and the count says as much.
    assert {line.removeprefix("Fixing ") for line in (first + out).decode().splitlines()} == written
    counted = re.search(rb"interrupted after (\d+) of 300 file", err)
    assert counted is not None, err
    assert int(counted.group(1)) == len(written)


def test_progress_bar_on_a_terminal_only_for_longer_runs_and_not_with_quiet(tmp_path: Path, seeds_dir: Path) -> None:
    src = tmp_path / "src"
    first = _captures(src, seeds_dir, 30)[0]
    drawn, _ = _on_a_terminal(["check", str(src), "--jobs", "1"])
    assert "━" in drawn and "30/30" in drawn and "files that would change" in drawn
    assert "━" not in _on_a_terminal(["check", str(src), "--jobs", "1", "-q"])[0]
    assert "━" not in _on_a_terminal(["check", str(first)])[0]
