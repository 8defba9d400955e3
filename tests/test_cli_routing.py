"""One routing of inputs for every command (cleaner.batch.route) and one option set for clean, fix
and check (cleaner.cli.options.RunOptions): the real CLI on files in temporary folders."""

from __future__ import annotations

import dataclasses
import gzip
import json
from pathlib import Path

import pytest
import typer.main
from htmlpages import news_page
from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.cli.options import RunOptions

runner = CliRunner()

DIRTY = "The harbour bridge will be rebuilt, the council decided on Tuesday.\n[ad_1]\nWork starts next spring.\nLeave a Reply\n"


def _corpus(path: Path) -> bytes:
    lines = [json.dumps({"id": 1, "text": DIRTY}), "{cut off", json.dumps({"id": 3, "body": DIRTY})]
    lines.append(json.dumps({"id": 4, "text": "Nothing to remove in this record of the story.\n"}))
    lines.append(json.dumps({"id": 5, "text": DIRTY}))
    data = ("\n".join(lines) + "\n").encode()
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return data


@pytest.mark.parametrize("name", ["corpus.jsonl", "corpus.jsonl.gz"])
def test_explain_reads_a_corpus_record_by_record_as_clean_does(tmp_path: Path, name: str) -> None:
    # It used to read a corpus as one text: the rules then judged JSON lines, and a whole record
    # could show up as a "removed line".
    corpus = tmp_path / name
    _corpus(corpus)
    result = runner.invoke(app, ["explain", str(corpus)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line for line in lines if line.startswith("line ")] == ["line 1:", "line 5:"]
    assert not any('{"' in line for line in lines)
    assert sum("[ad_1]" in line for line in lines) == 2 and sum("Leave a Reply" in line for line in lines) == 2
    assert "4 removal(s)" in result.stderr
    # What explain says went is what clean takes out of each record.
    cleaned = runner.invoke(app, ["clean", str(corpus)])
    records = [json.loads(line) for line in cleaned.stdout.splitlines() if line.startswith('{"')]
    assert all("[ad_1]" not in r.get("text", "") and "Leave a Reply" not in r.get("text", "") for r in records)


def test_explain_on_stdin_is_routed_by_its_name_as_clean_is(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    page.write_text(news_page())
    on_file = runner.invoke(app, ["explain", str(page)])
    on_stdin = runner.invoke(app, ["explain", "-", "--stdin-filename", "story.html"], input=page.read_bytes())
    assert on_file.exit_code == on_stdin.exit_code == 0
    assert on_stdin.stdout == on_file.stdout and "AD001" in on_file.stdout
    data = _corpus(tmp_path / "c.jsonl")
    as_corpus = runner.invoke(app, ["explain", "-", "--stdin-filename", "c.jsonl"], input=data)
    assert as_corpus.stdout == runner.invoke(app, ["explain", str(tmp_path / "c.jsonl")]).stdout
    assert "line 1:" in as_corpus.stdout


@pytest.mark.parametrize("command", ["fix", "check"])
def test_stdin_is_for_clean_only(tmp_path: Path, command: str) -> None:
    result = runner.invoke(app, [command, "-"], input=DIRTY)
    assert result.exit_code == 2
    assert f"error: '-' (stdin) works with `cleaner clean` only, not `cleaner {command}`" in result.stderr


def test_stdin_filename_needs_stdin(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DIRTY)
    for args, where in ((["clean"], "only path"), (["explain"], "path")):
        result = runner.invoke(app, [*args, str(tmp_path / "a.txt"), "--stdin-filename", "x.txt"])
        assert result.exit_code == 2
        assert f"--stdin-filename names what '-' reads; give '-' as the {where}" in result.stderr


def _options(command: str) -> list[str]:
    cmd = typer.main.get_command(app).commands[command]  # type: ignore[attr-defined]
    return [p.name for p in cmd.params if p.param_type_name == "option"]


def test_clean_fix_and_check_take_the_one_option_set() -> None:
    shared = [f.name for f in dataclasses.fields(RunOptions)]
    in_place = [name for name in shared if name not in ("html_mode", "stdin_filename")]
    assert _options("clean") == ["output", *shared]
    assert _options("fix") == _options("check") == ["diff", *in_place]
    assert _options("explain") == ["select", "ignore", "config_file", "mode", "keep_captions", "stdin_filename"]


def test_an_option_of_the_set_reaches_each_command(tmp_path: Path) -> None:
    # --max-removal, declared once, stops each command the same way.
    doc = tmp_path / "doc.txt"
    doc.write_text(DIRTY)
    for args in (["clean", str(doc)], ["check", str(doc)], ["fix", str(doc)]):
        result = runner.invoke(app, [*args, "--max-removal", "0.01"])
        assert "left unchanged" in result.stderr, args
    assert doc.read_text() == DIRTY


def test_the_cli_talks_to_the_library_through_batch_not_its_parts() -> None:
    # Input routing, reading and decoding belong to the library: the CLI imports none of the modules
    # that do them.
    import ast

    import cleaner.cli

    for module in Path(cleaner.cli.__file__).parent.glob("*.py"):
        imported = set()
        for node in ast.walk(ast.parse(module.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported |= {node.module, *(f"{node.module}.{a.name}" for a in node.names)}
            elif isinstance(node, ast.Import):
                imported |= {a.name for a in node.names}
        for part in ("cleaner.files", "cleaner.html", "cleaner.decoding"):
            assert not any(name == part or name.startswith(part + ".") for name in imported), (module.name, part)


def test_the_run_and_each_file_take_the_same_settings_from_the_options(tmp_path: Path) -> None:
    # One conversion of the options (configure.overrides) feeds the run's settings and each file's:
    # with no settings file to find, a file gets what the run gets, for every option that overrides.
    from cleaner.cli.configure import per_file, run_settings
    from cleaner.config import Config, Mode

    (tmp_path / "cleaner.toml").write_text("ignore = []\n")  # found, so no settings above tmp_path count
    given = RunOptions(select=["AD,CM"], ignore=["CM002"], mode=Mode.RECALL, keep_captions=True, max_removal=0.5)
    config = run_settings(given, tmp_path)
    each = per_file(given)
    assert each is not None and each(tmp_path / "page.txt") == config
    assert (config.select, config.ignore, config.mode, config.keep_captions, config.max_removal) == (
        ("AD", "CM"),
        ("CM002",),
        Mode.RECALL,
        True,
        0.5,
    )
    assert config != Config() and per_file(RunOptions(config_file=tmp_path / "cleaner.toml")) is None
