"""Which files a run takes and where its outputs go (docs/inputs.md), through the real CLI on real
files in temporary folders."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cleaner.cli import app

runner = CliRunner()

DIRTY = "The council met on Tuesday and approved the budget.\n\nLeave a Reply\n"
CLEANED = "The council met on Tuesday and approved the budget.\n"
PAGE = "<html><head><title>T</title></head><body><article><p>{}</p></article></body></html>\n"


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# --- the output tree never overlaps an input tree ---------------------------------------------------


@pytest.mark.parametrize("where", ["same", "inside", "holds"])
def test_clean_refuses_an_output_folder_that_overlaps_an_input(tmp_path: Path, where: str) -> None:
    src = tmp_path / "in"
    _write(src, {"a.txt": DIRTY, "sub/b.txt": DIRTY})
    if where == "same":
        args = [str(src), "-o", str(src)]
    elif where == "inside":
        args = [str(src), "-o", str(src / "cleaned")]
    else:  # the output folder holds an input file: `clean in/sub/b.txt -o in/sub` would overwrite it
        args = [str(src / "sub" / "b.txt"), "-o", str(src / "sub")]
    before = _snapshot(tmp_path)
    result = runner.invoke(app, ["clean", *args])
    assert result.exit_code == 2, result.output
    assert "nothing was written" in result.output and "Traceback" not in result.output
    assert _snapshot(tmp_path) == before  # nothing written, nothing overwritten, no `cleaned/` made


def test_clean_into_a_sibling_folder_is_still_fine(tmp_path: Path) -> None:
    src = tmp_path / "in"
    _write(src, {"a.txt": DIRTY})
    result = runner.invoke(app, ["clean", str(src), "-o", str(tmp_path / "in-cleaned"), "-q"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "in-cleaned" / "a.txt").read_text() == CLEANED


# --- two inputs never write one output ----------------------------------------------------------------


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_two_inputs_with_one_output_name_stop_the_run_naming_both(tmp_path: Path, jobs: str) -> None:
    _write(tmp_path, {"d1/a.txt": DIRTY, "d2/a.txt": DIRTY.replace("budget", "plan"), "d2/only.txt": DIRTY})
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(tmp_path / "d1"), str(tmp_path / "d2"), "-o", str(out), "-j", jobs])
    assert result.exit_code == 2, result.output
    assert f"{tmp_path / 'd1' / 'a.txt'} and {tmp_path / 'd2' / 'a.txt'} would both be written to {out / 'a.txt'}" in (
        result.output
    )
    assert not out.exists()  # stopped before anything was written


def test_pages_that_would_share_a_name_get_their_full_names(tmp_path: Path) -> None:
    src = tmp_path / "in"
    _write(
        src,
        {
            "x.html": PAGE.format("The first page of the story is long enough to keep."),
            "x.htm": PAGE.format("The second page of the story is long enough to keep."),
            "y.html": PAGE.format("A lone page that keeps the short name it always had."),
        },
    )
    outputs = []
    for jobs in ["1", "2", "2"]:
        out = tmp_path / f"out{len(outputs)}"
        result = runner.invoke(app, ["clean", str(src), "-o", str(out), "-j", jobs, "-q"])
        assert result.exit_code == 0, result.output
        outputs.append(_snapshot(out))
    assert sorted(outputs[0]) == ["x.htm.txt", "x.html.txt", "y.txt"]
    assert "first page" in outputs[0]["x.html.txt"].decode() and "second page" in outputs[0]["x.htm.txt"].decode()
    assert outputs[0] == outputs[1] == outputs[2]


# --- default excludes, .gitignore, --exclude and friends ---------------------------------------------


def _project(root: Path) -> None:
    _write(
        root,
        {
            "notes/a.txt": DIRTY,
            ".venv/lib/python3.11/site-packages/justext/stoplists/English.txt": DIRTY,
            ".git/info/msg.txt": DIRTY,
            "node_modules/pkg/README.txt": DIRTY,
            "build/lib/x.txt": DIRTY,
            "pkg.egg-info/SOURCES.txt": DIRTY,
            "sub/__pycache__/c.txt": DIRTY,
            "drafts/d.txt": DIRTY,
            "drafts/keep.txt": DIRTY,
            ".gitignore": "drafts/*\n!drafts/keep.txt\n",
            "logs/.gitignore": "*.txt\n",
            "logs/l.txt": DIRTY,
        },
    )


def test_check_at_a_project_root_leaves_out_tool_and_vcs_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    before = _snapshot(tmp_path)
    result = runner.invoke(app, ["check", "."])
    assert result.exit_code == 1, result.output
    listed = sorted(line.split()[-1] for line in result.output.splitlines() if line.startswith("Would fix"))
    assert listed == ["drafts/keep.txt", "notes/a.txt"]
    assert ".venv" not in result.output and ".git" not in result.output.replace(".gitignore", "")
    result = runner.invoke(app, ["fix", ".", "-q"])
    assert result.exit_code == 1
    after = _snapshot(tmp_path)
    assert {k for k in after if after[k] != before[k]} == {"drafts/keep.txt", "notes/a.txt"}


def test_exclude_options_and_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _project(tmp_path)
    monkeypatch.chdir(tmp_path)

    def fixed(*args: str) -> list[str]:
        result = runner.invoke(app, ["check", ".", *args])
        assert result.exit_code in (0, 1), result.output
        return sorted(line.split()[-1] for line in result.output.splitlines() if line.startswith("Would fix"))

    assert fixed("--extend-exclude", "notes") == ["drafts/keep.txt"]
    # --exclude replaces the defaults: the build folder comes back, .venv stays out.
    assert "build/lib/x.txt" in fixed("--exclude", ".venv,.git", "--exclude", "notes")
    assert "notes/a.txt" not in fixed("--exclude", ".venv,.git", "--exclude", "notes")
    assert fixed("--no-respect-gitignore", "--extend-exclude", "notes,drafts/keep.txt") == [
        "drafts/d.txt",
        "logs/l.txt",
    ]
    (tmp_path / "pyproject.toml").write_text('[tool.cleaner]\nextend-exclude = ["notes/"]\n')
    assert fixed() == ["drafts/keep.txt"]
    (tmp_path / "pyproject.toml").write_text('[tool.cleaner]\nexclude = [".git", ".venv"]\nrespect-gitignore = false\n')
    assert "build/lib/x.txt" in fixed() and "drafts/d.txt" in fixed()
    (tmp_path / "pyproject.toml").write_text('[tool.cleaner]\nexclude = ".git"\n')
    result = runner.invoke(app, ["check", "."])
    assert result.exit_code == 1  # a single string is taken as a list of one, as with select


def test_bad_exclude_setting_is_a_configuration_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.cleaner]\nextend-exclude = [1]\n")
    result = runner.invoke(app, ["check", "."])
    assert result.exit_code == 2 and "extend-exclude must be a list of strings" in result.output


def test_force_exclude_applies_to_paths_named_explicitly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    named = ["notes/a.txt", ".venv/lib/python3.11/site-packages/justext/stoplists/English.txt", "build/lib/x.txt"]
    result = runner.invoke(app, ["check", *named])
    assert result.output.count("Would fix") == 3  # named explicitly: taken, as black and ruff do
    result = runner.invoke(app, ["check", "--force-exclude", *named])
    assert result.exit_code == 1, result.output
    assert [line for line in result.output.splitlines() if line.startswith("Would fix")] == ["Would fix notes/a.txt"]
    (tmp_path / "pyproject.toml").write_text("[tool.cleaner]\nforce-exclude = true\n")
    result = runner.invoke(app, ["fix", *named])
    assert [line for line in result.output.splitlines() if line.startswith("Fixing")] == ["Fixing notes/a.txt"]
    assert (tmp_path / named[1]).read_text() == DIRTY


# --- symlinks are not followed out of the tree ----------------------------------------------------------


def test_a_symlink_out_of_the_tree_is_not_followed(tmp_path: Path) -> None:
    src = tmp_path / "in"
    _write(src, {"a.txt": DIRTY})
    _write(tmp_path, {"outside/secret.txt": DIRTY})
    (src / "secret.txt").symlink_to(tmp_path / "outside" / "secret.txt")
    (src / "inner.txt").symlink_to(src / "a.txt")  # inside the tree: taken, as before
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", str(src), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["a.txt", "inner.txt"]
    assert f"warning: {src / 'secret.txt'}: symbolic link to {tmp_path / 'outside' / 'secret.txt'}" in result.output
    result = runner.invoke(app, ["fix", str(src), "-q"])
    assert result.exit_code == 1, result.output
    assert "secret.txt" in result.output and "not followed" in result.output
    assert (tmp_path / "outside" / "secret.txt").read_text() == DIRTY  # never written through the link
    assert (src / "a.txt").read_text() == CLEANED


# --- what cannot be walked: one line each, exit 2, every other file processed ---------------------------


def _fixed(output: str) -> list[str]:
    return sorted(Path(line.split()[-1]).name for line in output.splitlines() if line.startswith("Would fix"))


def test_a_symlink_loop_is_an_error_line_and_the_rest_is_processed(tmp_path: Path) -> None:
    src = tmp_path / "in"
    _write(src, {"a.txt": DIRTY, "z/z.txt": DIRTY})
    (src / "loop.txt").symlink_to(src / "loop.txt")
    (src / "m").symlink_to(src)  # a folder link back up: never entered
    result = runner.invoke(app, ["check", str(src)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    errors = [line for line in result.output.splitlines() if line.startswith("error")]
    assert errors == [f"error: {src / 'loop.txt'}: cannot follow symbolic link: Too many levels of symbolic links"]
    assert _fixed(result.output) == ["a.txt", "z.txt"]


def test_a_folder_deleted_during_the_run_is_an_error_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cleaner import batch
    from cleaner.batch import pool, steps
    from cleaner.files import Task

    src = tmp_path / "in"
    # More files in a/ than the run reads ahead, so b/ is listed only after the first file is done.
    _write(src, {**{f"a/{k:03d}.txt": DIRTY for k in range(150)}, "b/gone.txt": DIRTY, "c.txt": DIRTY})
    process = steps.process

    def deleting(task: Task, options: batch.Options) -> batch.FileResult:
        shutil.rmtree(src / "b", ignore_errors=True)
        return process(task, options)

    monkeypatch.setattr(pool, "process", deleting)  # what the run calls for each file
    result = runner.invoke(app, ["check", str(src), "-j", "1"])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    errors = [line for line in result.output.splitlines() if line.startswith("error")]
    assert errors == [f"error: {src / 'b'}: cannot list folder: No such file or directory"]
    assert result.output.count("Would fix") == 151  # every file of a/, and c.txt after the missing folder


def test_an_unreadable_folder_is_an_error_line_not_a_silent_skip(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    prefix: list[str] = []
    if os.geteuid() == 0:  # root reads any folder: the run goes without the capabilities that allow it
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: no folder is unreadable to root")
        caps = "-dac_override,-dac_read_search"
        prefix = [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}"]
    src = tmp_path / "in"
    _write(src, {"a.txt": DIRTY, "locked/b.txt": DIRTY, "z.txt": DIRTY})
    (src / "locked").chmod(0)
    try:
        result = subprocess.run(
            [*prefix, sys.executable, "-m", "cleaner", "check", "in"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
    finally:
        (src / "locked").chmod(0o755)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.splitlines()[0] == "error: in/locked: cannot list folder: Permission denied"
    assert "Traceback" not in result.stderr
    assert _fixed(result.stdout) == ["a.txt", "z.txt"]


# --- property: `clean` leaves its inputs byte-identical, wherever the output is asked for ---------------

LINES = [
    b"The council met on Tuesday and approved the budget.",
    b"Leave a Reply",
    b"Advertisement",
    b"Share this article",
    b"Read more",
    b"Caf\xe9 owners said the rent had doubled since spring.",  # Latin-1, not UTF-8
    b"import os",
    b"",
]


@st.composite
def _trees(draw: st.DrawFn) -> dict[str, bytes]:
    names = st.sampled_from(["a", "b", "x", "page"])
    paths = st.builds(
        lambda folders, name, ext: "/".join([*folders, name + ext]),
        st.lists(st.sampled_from(["sub", "deep", ".venv", "build"]), max_size=2),
        names,
        st.sampled_from([".txt", ".html", ".htm", ".jsonl", ".md"]),
    )
    tree: dict[str, bytes] = {}
    for path in draw(st.lists(paths, min_size=1, max_size=6, unique=True)):
        lines = draw(st.lists(st.sampled_from(LINES), max_size=6))
        newline = draw(st.sampled_from([b"\n", b"\r\n"]))
        body = newline.join(lines) + newline
        if path.endswith((".html", ".htm")):
            body = PAGE.format("").encode().replace(b"<p></p>", b"<p>" + b"</p><p>".join(lines) + b"</p>")
        elif path.endswith(".jsonl"):
            body = b"".join(json.dumps({"text": line.decode("latin-1")}).encode() + b"\n" for line in lines)
        tree[path] = body
    return tree


PLACES = ["beside", "same", "inside", "holds", "two roots"]


def _clean_keeps_inputs(tree: dict[str, bytes], place: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        src = base / "in"
        for rel, body in tree.items():
            (src / rel).parent.mkdir(parents=True, exist_ok=True)
            (src / rel).write_bytes(body)
        inputs, out = [str(src)], base / "out"
        if place == "same":
            out = src
        elif place == "inside":
            out = src / "cleaned"
        elif place == "holds":
            inputs, out = [str(src / sorted(tree)[0])], src
        elif place == "two roots":
            shutil.copytree(src, base / "again")
            inputs.append(str(base / "again"))
        before = {p: p.read_bytes() for p in sorted(base.rglob("*")) if p.is_file()}
        result = runner.invoke(app, ["clean", *inputs, "-o", str(out), "-j", "1", "-q"])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        assert result.exit_code in (0, 2), result.output
        after = {p: p.read_bytes() for p in sorted(base.rglob("*")) if p.is_file() and base / "out" not in p.parents}
        assert after == before  # every input byte-identical, and nothing new inside an input tree


@settings(max_examples=25, deadline=None, derandomize=True, database=None)
@given(_trees(), st.sampled_from(PLACES))
@example({"a.txt": b"The council met.\n\nLeave a Reply\n"}, "same")
@example({"a.txt": b"The council met.\n"}, "inside")
def test_clean_leaves_every_input_byte_identical(tree: dict[str, bytes], place: str) -> None:
    _clean_keeps_inputs(tree, place)


def test_the_name_only_fast_path_agrees_with_the_gitignore_matcher() -> None:
    from cleaner.files import discovery as files

    patterns = [*files.DEFAULT_EXCLUDES, "drafts/", "*.bak", "note?.txt", "[ab]*.md", "# a comment"]
    fast = files._name_patterns(patterns)
    assert fast is not None
    spec = files._spec(patterns)
    names = ["build", "dist", "x.egg-info", "egg-info", "drafts", "a.bak", "notes.txt", "note1.txt", "b1.md"]
    names += ["c.md", ".git", ".gitignore", "venv", "venvs", "node_modules", "site-packages", "ok.txt"]
    for name in names:
        for folder in (False, True):
            assert bool(fast[folder].match(name)) == spec.match_file(name + ("/" if folder else "")), (name, folder)
    for needs_the_full_matcher in ["docs/old", "/build", "!keep.txt", "a\\*b", " lead"]:
        assert files._name_patterns(["build", needs_the_full_matcher]) is None


def test_fix_does_not_write_through_a_file_turned_into_a_link_out_of_the_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cleaner.batch.routing

    src = tmp_path / "in"
    _write(src, {"a.txt": DIRTY, "b.txt": DIRTY})
    _write(tmp_path, {"outside/secret.txt": DIRTY})
    found = cleaner.batch.routing.discover
    tasks: list[object] = []

    def swapped_after_discovery(*args: object) -> object:
        if not tasks:  # every pass gets what the walk found before b.txt became a link out of the tree
            tasks.extend(found(*args))  # type: ignore[arg-type]
            (src / "b.txt").unlink()
            (src / "b.txt").symlink_to(tmp_path / "outside" / "secret.txt")
        return iter(tasks)

    monkeypatch.setattr(cleaner.batch.routing, "discover", swapped_after_discovery)
    result = runner.invoke(app, ["fix", str(src), "-j", "1"])
    assert result.exit_code == 2, result.output
    assert f"error: {src / 'b.txt'}: leads to {tmp_path / 'outside' / 'secret.txt'}, outside the tree" in result.output
    assert (tmp_path / "outside" / "secret.txt").read_text() == DIRTY
    assert (src / "a.txt").read_text() == CLEANED
