"""JSONL corpora: one field cleaned per record, everything else kept, bad lines passed through and counted."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.jsonl import MAX_LISTED, IncompleteError, JsonlError, clean_file, clean_lines, is_jsonl_name, readable
from cleaner.pipeline import clean_text

runner = CliRunner()

DIRTY = "The harbour bridge will be rebuilt, the council decided on Tuesday.\n[ad_1]\nWork starts next spring.\nLeave a Reply\n"
CLEAN = "The harbour bridge will be rebuilt, the council decided on Tuesday.\nWork starts next spring.\n"


def _records() -> list[dict[str, object]]:
    return [
        {"id": "a", "text": DIRTY, "meta": {"url": "https://example.org/a", "score": 0.5}},
        {"id": "b", "text": CLEAN, "tags": ["x", "y"]},
        {"id": "c", "content": DIRTY},
        {"text": "Une phrase en français, avec des accents : déjà vu.\nAdvertisement\n", "id": "d", "n": 3},
    ]


def _jsonl(records: list[dict[str, object]], *extra: tuple[int, bytes]) -> bytes:
    lines = [json.dumps(r).encode() for r in records]
    for index, line in extra:
        lines.insert(index, line)
    return b"\n".join(lines) + b"\n"


def test_clean_lines_cleans_one_field_and_keeps_the_rest() -> None:
    out = io.BytesIO()
    report = clean_lines(io.BytesIO(_jsonl(_records())), out.write, clean_text)
    got = [json.loads(line) for line in out.getvalue().splitlines()]
    want = _records()
    want[0]["text"] = CLEAN
    want[3]["text"] = "Une phrase en français, avec des accents : déjà vu.\n"
    assert got == want
    assert [list(r) for r in got] == [list(r) for r in want]  # field order kept too
    assert (report.records, report.changed, report.without_text, report.malformed) == (4, 2, 1, 0)


def test_untouched_records_are_written_back_byte_for_byte() -> None:
    # Formatting the rules did not need to change (escapes, spacing, number forms) stays as it was.
    line = b'{"text":  "Already clean prose about the caf\\u00e9.\\n", "x": 1.50e2}\n'
    out = io.BytesIO()
    clean_lines(io.BytesIO(line), out.write, clean_text)
    assert out.getvalue() == line


def test_malformed_lines_pass_through_unchanged_and_are_counted() -> None:
    bad = [(1, b"{not json"), (3, b"[1, 2, 3]"), (5, b'{"text": "caf\xe9"}')]
    data = _jsonl(_records(), *bad)
    out = io.BytesIO()
    report = clean_lines(io.BytesIO(data), out.write, clean_text)
    lines = out.getvalue().split(b"\n")[:-1]
    assert len(lines) == 7
    assert [lines[1], lines[3], lines[5]] == [b"{not json", b"[1, 2, 3]", b'{"text": "caf\xe9"}']
    assert report.malformed == 3 and report.malformed_lines == [2, 4, 6] and report.records == 4
    (warning, missing) = report.warnings("corpus.jsonl")
    assert warning == "corpus.jsonl: 3 malformed line(s) passed through unchanged, line(s) 2, 4, 6"
    assert "1 record(s) without a string 'text' field" in missing


def test_many_malformed_lines_are_summarised() -> None:
    data = b"oops\n" * (MAX_LISTED + 5)
    report = clean_lines(io.BytesIO(data), io.BytesIO().write, clean_text)
    assert report.malformed == MAX_LISTED + 5 and len(report.malformed_lines) == MAX_LISTED
    assert f"(first {MAX_LISTED} listed)" in report.warnings("x")[0]


def test_other_text_key_and_crlf_and_bom() -> None:
    data = b"\xef\xbb\xbf" + json.dumps({"content": DIRTY, "text": DIRTY}).encode() + b"\r\n"
    out = io.BytesIO()
    clean_lines(io.BytesIO(data), out.write, clean_text, text_key="content")
    assert out.getvalue().endswith(b"}\r\n")  # the line keeps its ending
    record = json.loads(out.getvalue())
    assert record == {"content": CLEAN, "text": DIRTY}


@pytest.mark.parametrize(("src_name", "dst_name"), [("c.jsonl.gz", "c.jsonl.gz"), ("c.jsonl", "c.jsonl")])
def test_clean_file_keeps_gzip_and_is_idempotent(tmp_path: Path, src_name: str, dst_name: str) -> None:
    data = _jsonl(_records() * 50, (7, b"{broken"))
    src = tmp_path / src_name
    src.write_bytes(gzip.compress(data) if src_name.endswith(".gz") else data)
    first, second = tmp_path / "1" / dst_name, tmp_path / "2" / dst_name
    report = clean_file(src, first, clean_text)
    assert report.records == 200 and report.malformed == 1 and report.malformed_lines == [8]
    raw = first.read_bytes()
    assert raw.startswith(b"\x1f\x8b") == dst_name.endswith(".gz")
    body = gzip.decompress(raw) if dst_name.endswith(".gz") else raw
    # Only the records without a "text" field (the "content" ones) still hold the shortcode.
    assert body.count(b"[ad_1]") == 50 and b"{broken\n" in body and body.count(b"\n") == 201
    assert clean_file(first, second, clean_text).changed == 0
    assert second.read_bytes() == raw  # second pass: byte-identical (gzip written with mtime 0)
    assert list(tmp_path.rglob("*.tmp")) == []


def test_corrupt_gzip_is_an_error_naming_the_file_and_leaves_nothing(tmp_path: Path) -> None:
    src = tmp_path / "bad.jsonl.gz"
    src.write_bytes(b"\x1f\x8b" + b"not gzip at all" * 10)
    with pytest.raises(JsonlError, match=r"bad\.jsonl\.gz: compressed data .*; no complete line, nothing was written"):
        clean_file(src, tmp_path / "out" / "bad.jsonl.gz", clean_text)
    assert list((tmp_path / "out").iterdir()) == []


def test_a_gzip_cut_short_writes_the_lines_before_the_cut_except_in_place(tmp_path: Path) -> None:
    data = _jsonl(_records() * 100)
    src = tmp_path / "cut.jsonl.gz"
    src.write_bytes(gzip.compress(data)[:600])
    whole = io.BytesIO()
    clean_lines(io.BytesIO(data), whole.write, clean_text)
    with pytest.raises(
        IncompleteError,
        match=r"cut\.jsonl\.gz: compressed data ends early .*; last good line (\d+), the lines before it were cleaned and written",
    ) as caught:
        clean_file(src, tmp_path / "out" / "cut.jsonl.gz", clean_text)
    good = int(caught.value.args[0].rsplit("last good line ", 1)[1].split(",")[0])
    part = gzip.decompress((tmp_path / "out" / "cut.jsonl.gz").read_bytes())
    assert 0 < good < 400 and part == b"".join(whole.getvalue().splitlines(keepends=True)[:good])
    assert caught.value.report.records == good
    before = src.read_bytes()
    with pytest.raises(IncompleteError, match="nothing was written"):
        clean_file(src, src, clean_text, only_if_changed=True)
    assert src.read_bytes() == before and list(tmp_path.glob("*.tmp")) == []


def test_readable_unzips_a_stream_by_its_magic() -> None:
    data = _jsonl(_records())
    assert readable(io.BytesIO(gzip.compress(data))).read() == data
    assert readable(io.BytesIO(data)).read() == data


def test_jsonl_names() -> None:
    assert is_jsonl_name("x/Corpus.JSONL") and is_jsonl_name("c.jsonl.gz") and not is_jsonl_name("c.json")


def test_cli_stdin_jsonl_plain_and_gzip() -> None:
    data = _jsonl(_records(), (2, b"oops"))
    for payload in (data, gzip.compress(data)):
        result = runner.invoke(app, ["clean", "-", "--format", "jsonl"], input=payload)
        assert result.exit_code == 0
        lines = result.stdout.splitlines()
        assert lines[2] == "oops" and json.loads(lines[0])["text"] == CLEAN and "[ad_1]" in lines[3]
        assert "<stdin>: 1 malformed line(s) passed through unchanged, line(s) 3" in result.stderr


def test_cli_text_key_and_forced_format(tmp_path: Path) -> None:
    src = tmp_path / "dump.ndjson"  # not a .jsonl name: --format says what it is
    src.write_bytes(_jsonl(_records()))
    result = runner.invoke(
        app, ["clean", str(src), "-o", str(tmp_path / "out"), "--format", "jsonl", "--text-key", "content"]
    )
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in (tmp_path / "out" / "dump.ndjson").read_text().splitlines()]
    assert records[2]["content"] == CLEAN and records[0]["text"] == DIRTY
    assert "3 record(s) without a string 'content' field" in result.stderr


def test_fix_and_check_on_jsonl(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl.gz"
    corpus.write_bytes(gzip.compress(_jsonl(_records())))
    before = corpus.read_bytes()
    report = tmp_path / "report.json"
    result = runner.invoke(app, ["check", str(tmp_path), "--glob", "*.jsonl.gz", "--report", str(report)])
    assert result.exit_code == 1 and corpus.read_bytes() == before
    totals = json.loads(report.read_text())["totals"]
    assert totals["changed"] == 1 and totals["lines_removed"]["AD001"] == 1
    assert runner.invoke(app, ["fix", str(corpus)]).exit_code == 1
    fixed = corpus.read_bytes()
    assert fixed != before and b"[ad_1]" not in gzip.decompress(fixed).split(b"\n")[0]
    assert runner.invoke(app, ["fix", str(corpus)]).exit_code == 0
    assert corpus.read_bytes() == fixed  # nothing left to change: not even recompressed


def test_cli_one_corpus_to_stdout_is_streamed(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl.gz"
    corpus.write_bytes(gzip.compress(_jsonl(_records(), (1, b"oops"))))
    result = runner.invoke(app, ["clean", str(corpus)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[1] == "oops" and json.loads(lines[0])["text"] == CLEAN and len(lines) == 5
    assert "c.jsonl.gz: 1 malformed line(s) passed through unchanged, line(s) 2" in result.stderr
    corpus.write_bytes(gzip.compress(_jsonl(_records()))[:60])
    result = runner.invoke(app, ["clean", str(corpus)])
    assert result.exit_code == 2 and "c.jsonl.gz: compressed data ends early" in result.stderr


def test_one_corpus_spread_over_workers_gives_the_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import cleaner.jsonl
    from cleaner import batch
    from cleaner.batch import records

    monkeypatch.setattr(cleaner.jsonl, "CHUNK_BYTES", 700)  # many chunks, bad lines on both sides of their edges
    spread = records._spread_records
    calls: list[int] = []

    def spy(options: batch.Options, tally: object) -> object:
        calls.append(options.record_jobs)
        return spread(options, tally)  # type: ignore[arg-type]

    monkeypatch.setattr(records, "_spread_records", spy)
    bad = [(k, b"{cut off") for k in (0, 5, 9, 10, 31)]
    corpus = tmp_path / "big.jsonl.gz"
    corpus.write_bytes(gzip.compress(_jsonl(_records() * 8, *bad)))
    reports = []
    for jobs in ("1", "2"):
        report = tmp_path / f"report{jobs}.json"
        out = tmp_path / f"out{jobs}"
        result = runner.invoke(app, ["clean", str(corpus), "-o", str(out), "--jobs", jobs, "--report", str(report)])
        assert result.exit_code == 0, result.output
        assert "5 malformed line(s) passed through unchanged, line(s) 1, 6, 10, 11, 32" in result.stderr
        reports.append(json.loads(report.read_text())["totals"])
    assert (tmp_path / "out1" / "big.jsonl.gz").read_bytes() == (tmp_path / "out2" / "big.jsonl.gz").read_bytes()
    assert reports[0] == reports[1] and reports[0]["lines_removed"]["AD001"] == 8
    assert calls == [2]  # --jobs 1 cleaned in one process, --jobs 2 spread the records
    corpus.write_bytes(corpus.read_bytes()[:-20])  # truncated gzip: an error naming it, the lines before written
    result = runner.invoke(app, ["clean", str(corpus), "-o", str(tmp_path / "out3"), "--jobs", "2"])
    assert result.exit_code == 2 and "big.jsonl.gz: compressed data ends early" in result.stderr
    good = int(result.stderr.split("last good line ")[1].split(",")[0])
    whole = gzip.decompress((tmp_path / "out1" / "big.jsonl.gz").read_bytes()).splitlines(keepends=True)
    assert gzip.decompress((tmp_path / "out3" / "big.jsonl.gz").read_bytes()) == b"".join(whole[:good])


def test_fix_writes_a_corpus_through_its_symlink_and_keeps_permissions(tmp_path: Path) -> None:
    real = tmp_path / "store" / "c.jsonl"
    real.parent.mkdir()
    real.write_bytes(_jsonl(_records()))
    real.chmod(0o640)
    link = tmp_path / "c.jsonl"
    link.symlink_to(real)
    assert runner.invoke(app, ["fix", str(link)]).exit_code == 1
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert b"[ad_1]" not in real.read_bytes().split(b"\n")[0]
    assert real.stat().st_mode & 0o777 == 0o640
    assert not list(tmp_path.rglob("*.tmp"))


# A record the rules change keeps every byte but its text's value: numbers JSON allows and Python
# would print otherwise, spacing, key order, a duplicated key (json.loads keeps the last one).
ODD_RECORD = (
    '{"n":1e400, "m": 1.50, "big": 12345678901234567890123, "text":"first copy [ad_1]", '
    '"text" :  "TEXT" ,"nested": {"text": "inner [ad_1]"}, "z" : [1,2,-0.0E+0]}  '
)


def test_cli_fix_changes_only_the_text_value_of_a_record(tmp_path: Path) -> None:
    dirty, clean = json.dumps(DIRTY)[1:-1], json.dumps(CLEAN)[1:-1]
    corpus = tmp_path / "odd.jsonl"
    corpus.write_text(ODD_RECORD.replace("TEXT", dirty) + "\n" + ODD_RECORD.replace("TEXT", clean) + "\n")
    result = runner.invoke(app, ["fix", str(corpus)])
    assert result.exit_code == 1, result.output
    assert corpus.read_text() == ODD_RECORD.replace("TEXT", clean) + "\n" + ODD_RECORD.replace("TEXT", clean) + "\n"


@pytest.mark.parametrize(("style", "escaped"), [(True, "caf\\u00e9"), (False, "café")])
def test_a_changed_value_is_escaped_as_the_value_it_replaces(style: bool, escaped: str) -> None:
    line = json.dumps({"text": "Un café, s'il vous plaît, dit-il au garçon.\n[ad_1]\n"}, ensure_ascii=style)
    out = io.BytesIO()
    clean_lines(io.BytesIO(line.encode() + b"\n"), out.write, clean_text)
    assert (
        out.getvalue().decode()
        == '{"text": "Un '
        + escaped
        + ", s'il vous pla"
        + ("\\u00ee" if style else "î")
        + "t, dit-il au gar"
        + ("\\u00e7" if style else "ç")
        + 'on.\\n"}\n'
    )


def test_cli_lone_surrogates_are_cleaned_like_any_text(tmp_path: Path) -> None:
    line = '{"id": 7, "text": "Half an emoji \\ud83d sits in this sentence about the harbour.\\n[ad_1]\\nAnd a low one \\udc00 here.\\n"}\n'
    want = '{"id": 7, "text": "Half an emoji \\ud83d sits in this sentence about the harbour.\\nAnd a low one \\udc00 here.\\n"}\n'
    corpus = tmp_path / "s.jsonl"
    corpus.write_text(line)
    assert runner.invoke(app, ["check", str(corpus)]).exit_code == 1
    result = runner.invoke(app, ["clean", str(corpus), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "s.jsonl").read_text() == want
    assert runner.invoke(app, ["fix", str(corpus)]).exit_code == 1
    assert corpus.read_text() == want
    assert runner.invoke(app, ["check", str(corpus)]).exit_code == 0


def test_cli_records_and_a_file_without_final_newlines_are_no_change(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    data = b'{"text": "The harbour bridge will be rebuilt."}\r\n{"text": "Work starts next spring, the council said."}'
    corpus.write_bytes(data)
    result = runner.invoke(app, ["check", str(corpus)])
    assert result.exit_code == 0 and "Would fix" not in result.output, result.output
    assert runner.invoke(app, ["fix", str(corpus)]).exit_code == 0 and corpus.read_bytes() == data
    assert runner.invoke(app, ["clean", str(corpus), "-o", str(tmp_path / "out")]).exit_code == 0
    assert (tmp_path / "out" / "c.jsonl").read_bytes() == data


def test_cli_truncated_gzip_is_one_error_and_an_incomplete_output(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl.gz"
    corpus.write_bytes(gzip.compress(_jsonl(_records() * 200))[:900])
    out, report = tmp_path / "out", tmp_path / "report.json"
    result = runner.invoke(app, ["clean", str(corpus), "-o", str(out), "--report", str(report)])
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith(("error", "Traceback", "Aborted"))]
    assert len(errors) == 1 and errors[0].startswith(f"error: {corpus}: compressed data ends early"), result.stderr
    good = int(errors[0].split("last good line ")[1].split(",")[0])
    assert good > 0 and len(gzip.decompress((out / "c.jsonl.gz").read_bytes()).splitlines()) == good
    (entry,) = json.loads(report.read_text())["files"]
    assert entry["incomplete"] is True and entry["output"] == str(out / "c.jsonl.gz")
    for command in (["check", str(corpus)], ["fix", str(corpus)], ["clean", str(corpus)]):
        before = corpus.read_bytes()
        result = runner.invoke(app, command)
        assert result.exit_code == 2 and f"error: {corpus}: compressed data ends early" in result.stderr, command
        assert corpus.read_bytes() == before
