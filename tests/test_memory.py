"""Peak memory on single huge inputs (issue 18), measured by tracemalloc in a subprocess that runs
the real command line with the size limits scaled down (the bench measures the full sizes:
bench/large_file.py)."""

from __future__ import annotations

import html
import json
import subprocess
import sys
from pathlib import Path

import pytest
from material import dev_files, needs_bench

# In the subprocess: the limits scaled down by SCALE; a first run over a small file of the same
# kind loads every module and pattern, then tracemalloc measures what the real run adds at its peak.
_RUN = """
import resource, sys, tracemalloc
from cleaner import chunking, html, jsonl_big, text
from cleaner.cli import app
html.MAX_EXTRACTION_CHARS = {html_chars}
chunking.THRESHOLD, chunking.SIZE, chunking.MOST = {threshold}, {size}, {most}
jsonl_big.BIG_LINE, jsonl_big.PIECE_BYTES = {big_line}, {piece}
text._COUNT_SLICE = {count_slice}
warm, args = sys.argv[1], sys.argv[2:]
app([*args[:1], warm, *args[2:-1], args[-1] + "-warm"], standalone_mode=False)
if {trace}:
    tracemalloc.start()
base = tracemalloc.get_traced_memory()[0]
rss = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmRSS"))
app(args, standalone_mode=False)
print("PEAK", tracemalloc.get_traced_memory()[1] - base, file=sys.stderr)
print("RSS", (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss) * 1024, file=sys.stderr)
"""
SCALE = 40  # 8M characters -> 200K; a 50 MB record -> 1.25 MB


def _peak(warm: Path, args: list[str], **limits: int | bool) -> int:
    """Peak bytes traced while `cleaner <args>` runs in a fresh interpreter, the limits set, after
    a first run with the input replaced by `warm` (`args` are: command, input, options, -o, folder).
    Without `trace`: how far the peak RSS rose above the RSS before the run (lxml's memory is
    not Python's, and tracemalloc does not see it)."""
    defaults = {
        "threshold": 8_000_000 // SCALE,
        "size": 1_000_000 // SCALE,
        "most": 4_000_000 // SCALE,
        "big_line": (1 << 23) // SCALE,
        "piece": (1 << 20) // SCALE,
        "count_slice": 1_000_000 // SCALE,
        "html_chars": 5_000_000 // SCALE,
        "trace": True,
    }
    code = _RUN.format(**{**defaults, **limits})
    done = subprocess.run([sys.executable, "-c", code, str(warm), *args], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return int(done.stderr.rsplit("PEAK" if limits.get("trace", True) else "RSS", 1)[1].split()[0])


def _captures(size: int) -> str:
    """The first dev captures one after another, page breaks between them, repeated to about `size`
    characters, with an emoji as real corpora have (a str holding one takes 4 bytes a character).
    The same pages at every size: what cleaning one page costs is the same in all."""
    pages = [p.read_text(encoding="utf-8").rstrip("\n") for p in dev_files("raw")[:8]]
    blob = "\n\n\n".join(pages) + "\n\n\nThe end \U0001f600 of it all.\n\n\n"
    return blob * (size // len(blob) + 1)


def _record_file(path: Path, text: str) -> Path:
    line = '{"id": "big", "n": 1.50, "text": ' + json.dumps(text, ensure_ascii=False) + ', "tail": [1e400]}'
    path.write_bytes(b'{"text": "Share this:\\nA small record.\\n"}\n' + line.encode() + b"\n")
    return path


@needs_bench
def test_cli_a_huge_jsonl_record_peaks_under_10x_its_size(tmp_path: Path) -> None:
    # Issue 18: a 50 MB record peaked at 1.4 GB (28x; 19x once text was chunked): the line's bytes,
    # the line as a str, the parsed record, the parser's copies and the re-encoded splice at once.
    # What a record costs is the slope of the peak over two sizes (the fixed costs of cleaning one
    # page at a time cancel out).
    warm = _record_file(tmp_path / "warm.jsonl", _captures(100_000))
    small, large = (_record_file(tmp_path / f"{n}.jsonl", _captures(n)) for n in (200_000, 600_000))
    peaks = [
        _peak(warm, ["clean", str(src), "--jobs", "1", "-q", "-o", str(tmp_path / src.stem)]) for src in (small, large)
    ]
    ratio = (peaks[1] - peaks[0]) / (large.stat().st_size - small.stat().st_size)
    # Read whole, its text and the cleaned text as strings beside the line: 7.5x here; in pieces, 3x.
    assert ratio < 5, f"peak grows {ratio:.1f}x the input"
    out = (tmp_path / large.stem / large.name).read_bytes().split(b"\n")
    record = json.loads(out[1])
    # Every other byte of the line stays; the text is what the rules make of it.
    assert out[1].startswith(b'{"id": "big", "n": 1.50, "text": "') and out[1].endswith(b'"tail": [1e400]}')
    assert 0 < len(record["text"]) < len(large.read_text()) and "Share this:" not in record["text"]
    # The same bytes as when the line is read whole.
    _peak(
        warm, ["clean", str(large), "--jobs", "1", "-q", "-o", str(tmp_path / "whole")], big_line=1 << 40, trace=False
    )
    assert (tmp_path / "whole" / large.name).read_bytes() == (tmp_path / large.stem / large.name).read_bytes()


# Lines a long line may be: escapes and a lone surrogate, a duplicated key, numbers json would
# rewrite, a text key written with an escape, nested values holding quotes and brackets, a BOM,
# and lines that are not objects or not UTF-8.
_LINES = [
    b'\xef\xbb\xbf{"text": "Share this:\\nA real sentence of the article is here and long enough.\\n"}\n',
    b'{"id": 1, "text": "Home | About | Contact\\nA real sentence of the article is here and long enough.\\n"}\n',
    b'{"n": 1e400, "x": 1.50, "text": "dup", "text": "Home\\nA real sentence of the article, long.\\nShare on Facebook\\n", '
    b'"z": [1, {"a": "}]\\"\\\\"}]}\r\n',
    '{"text": "caf\u00e9 \\ud83d\\ude00 \\ud83d lone\\nHome\\nA real sentence of the article is here."}\n'.encode(),
    b'{"text": "\\u00e9\\u00e8 escaped\\nShare this:\\nAnother real sentence goes right here, very long.\\n"}\n',
    b'{ "te\\u0078t" : "Menu\\n\\\\n The article sentence here is long enough to keep.\\nShare this:" , "b" : null }',
    b'{"a":{"text":"inner"},"text":"Menu\\nThe article sentence here is long enough to keep.\\n","b":[]}\n',
    b'{"text": 5}\n',
    b"[1, 2]\n",
    b'{"text": "unterminated\n',
    b"   \n",
    b'{"text": "x"} trailing\n',
    b'{"text": "\xff not UTF-8"}\n',
    b'{"text": "\xed\xa0\x80 an encoded surrogate"}\n',
    b'{"text": "a\\u0000b", "c": "\\\\"}\n',
]


def test_a_long_line_read_in_pieces_gives_the_bytes_of_the_line_read_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    from cleaner import jsonl, jsonl_big
    from cleaner.pipeline import clean_text

    def run() -> tuple[list[bytes], jsonl.JsonlReport]:
        out: list[bytes] = []
        return out, jsonl.clean_lines(_LINES, out.append, clean_text)

    whole, whole_report = run()
    assert whole_report.changed >= 5 and whole_report.malformed == 5 and whole_report.without_text == 1
    monkeypatch.setattr(jsonl_big, "BIG_LINE", 0)  # every line takes the long-line path
    for piece in (1, 2, 3, 7, 1000):  # pieces end after an escaped newline past this many bytes
        monkeypatch.setattr(jsonl_big, "PIECE_BYTES", piece)
        assert run() == (whole, whole_report), piece


def _html_page(path: Path, size: int) -> Path:
    """A page of paragraphs (dev capture lines), about `size` characters, and a menu."""
    lines = [line for line in _captures(size).split("\n") if line.strip()]
    body = "".join(f"<p>{html.escape(line)}</p>\n" for line in lines)
    nav = "<nav><a href='/'>Home</a> <a href='/about'>About</a></nav>"
    path.write_text(f"<html><head><title>Big</title></head><body>{nav}<article>{body}</article></body></html>")
    return path


@needs_bench
def test_cli_a_huge_html_page_skips_extraction_with_a_warning_and_bounded_memory(tmp_path: Path) -> None:
    # Issue 18: a 20 MB page peaked at 1.0 GB (50x): trafilatura's copies of the tree, and the page's
    # text pieces joined. Past MAX_EXTRACTION_CHARS the page's text goes through the text path.
    warm = _html_page(tmp_path / "warm.html", 50_000)
    small, large = (_html_page(tmp_path / f"{n}.html", n) for n in (400_000, 1_200_000))
    growth = [
        _peak(warm, ["clean", str(src), "--jobs", "1", "-o", str(tmp_path / src.stem)], trace=False)
        for src in (small, large)
    ]
    ratio = (growth[1] - growth[0]) / (large.stat().st_size - small.stat().st_size)
    assert ratio < 25, f"peak grows {ratio:.1f}x the input"
    out = (tmp_path / large.stem / "1200000.txt").read_text()
    assert len(out) > 50_000 and "Home About" not in out


def test_cli_a_page_over_the_size_limit_is_cleaned_whole_with_a_warning(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from cleaner.cli import app
    from cleaner.html import LARGE_PAGE_WARNING, MAX_EXTRACTION_CHARS

    paragraph = "<p>A sentence of the article that is long enough to be read as prose by the rules.</p>\n"
    page = tmp_path / "big.html"
    page.write_text("<html><body>" + paragraph * (MAX_EXTRACTION_CHARS // len(paragraph) + 1) + "</body></html>")
    report = tmp_path / "report.json"
    result = CliRunner().invoke(app, ["clean", str(page), "-o", str(tmp_path / "out"), "--report", str(report)])
    assert result.exit_code == 0, result.output
    assert f"{page}: {LARGE_PAGE_WARNING}" in result.stderr
    assert json.loads(report.read_text())["files"][0]["warnings"] == [f"{page}: {LARGE_PAGE_WARNING}"]
    assert (tmp_path / "out" / "big.txt").read_text().count("A sentence of the article") > 50_000


def _record(text: str, ascii_only: bool) -> bytes:
    return b'{"id": 7, "text": ' + json.dumps(text, ensure_ascii=ascii_only).encode() + b', "z": [1]}\n'


_PAGE = (
    "Home | About | Contact\nShare this:\nA real sentence of the article is here and long enough to keep.\n"
    "Another sentence of the article, caf\u00e9 \U0001f600 and \u65e5\u672c\u8a9e, goes on for a while here.\n"
)


@pytest.mark.parametrize("max_removal", [0.9, 0.05])
def test_a_huge_record_cleaned_in_pieces_gives_what_cleaning_it_whole_gives(
    monkeypatch: pytest.MonkeyPatch, max_removal: float
) -> None:
    # RecordCleaner takes a long line's text in pieces and never joins it (jsonl_big.CleansInPieces):
    # the bytes written, the counts, the warnings and the valve's decision must be those of the text
    # cleaned whole. Limits scaled down so that pieces, chunks and a line too long to judge all occur.
    from cleaner import chunking, jsonl, jsonl_big, pipeline
    from cleaner.batch.options import Action, Options
    from cleaner.batch.records import RecordCleaner
    from cleaner.config import Config

    monkeypatch.setattr(chunking, "THRESHOLD", 300)
    monkeypatch.setattr(chunking, "SIZE", 150)
    monkeypatch.setattr(chunking, "MOST", 400)
    monkeypatch.setattr(pipeline, "MAX_LINE_CHARS", 500)
    long_line = "A line far too long to judge " * 20 + "\n"
    texts = [
        _PAGE * 3 + "\n\n" + _PAGE * 4,  # a page break, then paragraphs
        (_PAGE + "\n") * 6 + long_line + _PAGE * 2 + "no newline at the end",
        "A real sentence of the article is here and long enough to keep.\n" * 30,  # nothing to remove
        "Share this:\n" * 40,  # all debris: the valve refuses it at 5%
    ]
    lines = [_record(t, ascii_only) for t in texts for ascii_only in (True, False)] + _LINES
    options = Options(Action.CLEAN, Config(max_removal=max_removal))

    def run(big_line: int, piece: int) -> tuple[list[bytes], jsonl.JsonlReport, dict[str, int], list[str], int]:
        monkeypatch.setattr(jsonl_big, "BIG_LINE", big_line)
        monkeypatch.setattr(jsonl_big, "PIECE_BYTES", piece)
        cleaner = RecordCleaner(options, "x")
        out: list[bytes] = []
        report = jsonl.clean_lines(lines, out.append, cleaner, "text")
        return out, report, dict(cleaner.removed), cleaner.notes, cleaner.refused

    whole = run(1 << 40, 1 << 20)
    assert whole[3] and (whole[1].changed >= 3 or max_removal < 0.5), "the cases must warn and remove text"
    assert whole[4] >= 2, "the valve must refuse the record of debris alone"
    for piece in (1, 5, 64, 1000):
        assert run(0, piece) == whole, piece
