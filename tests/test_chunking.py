"""Large texts are cleaned in chunks cut at page or paragraph breaks (cleaner.chunking); a real page is never cut."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from material import SHARED
from typer.testing import CliRunner

from cleaner import chunking
from cleaner.chunking import chunks
from cleaner.cli import app
from cleaner.pipeline import clean_and_count, clean_and_explain, clean_text

DEV_PAGES = sorted((SHARED / "bench" / "dev" / "raw").glob("*.txt")) + sorted(
    (SHARED / "bench" / "cleaneval-dev" / "raw").glob("*.txt")
)
needs_dev = pytest.mark.skipif(not DEV_PAGES, reason="the dev pages of ../shared/bench are not here")


def _rebuilt(text: str, threshold: int, size: int, most: int) -> str:
    """The chunks with the blank lines between them put back: must be the text again."""
    out, at = [], 0
    parts = list(chunks(text, threshold, size, most))
    for part in parts:
        start = text.index(part.text, at) if part.text else at
        out.append(text[at:start] + part.text)
        at = start + len(part.text)
        assert part.first_line == text.count("\n", 0, start)
    return "".join(out)


def test_a_text_under_the_threshold_is_one_chunk() -> None:
    text = "one\n\n\ntwo\n" * 10
    assert [c.text for c in chunks(text, threshold=len(text))] == [text]


def test_cuts_prefer_page_breaks_then_paragraph_breaks_then_line_ends() -> None:
    page = "A line of the page.\nAnother line.\n\nA second paragraph.\n"
    text = page + "\n\n" + page + "\f\n" + page
    # From character 5 on, the first page break (two blank lines) wins over the paragraph break before it.
    got = list(chunks(text, threshold=1, size=5, most=len(text)))
    first, second = "A line of the page.\nAnother line.\n", "A second paragraph.\n"
    # The last page has no page break after it: its paragraph break is the cut.
    assert [c.text for c in got] == [page, page, first, second]
    assert [c.after_blank for c in got] == [False, True, True, True]
    assert [c.first_line for c in got] == [0, 6, 11, 14]
    # No page break within reach: the paragraph break.
    assert [c.text for c in chunks(page, threshold=1, size=5, most=len(page))] == [
        "A line of the page.\nAnother line.\n",
        "A second paragraph.\n",
    ]
    # No blank line within `most` characters: the last line end that fits.
    lines = "".join(f"line {i}\n" for i in range(100))
    got = list(chunks(lines, threshold=1, size=10, most=50))
    assert all(len(c.text) <= 50 and c.text.endswith("\n") for c in got) and "".join(c.text for c in got) == lines
    for whole, most in ((text, len(text)), (lines, 50), (page * 40 + "\n\n\n" + lines, 300)):
        assert _rebuilt(whole, 1, 7, most) == whole


@needs_dev
def test_no_dev_page_is_cut_so_chunked_cleaning_is_whole_cleaning(monkeypatch: pytest.MonkeyPatch) -> None:
    # Chunking forced on every page (threshold 0, chunks of 1,000 characters): the boundary rule must
    # leave each page whole, because cutting a page changes what its rules see.
    monkeypatch.setattr(chunking, "THRESHOLD", 1)
    monkeypatch.setattr(chunking, "SIZE", 1000)
    for path in DEV_PAGES:
        page = path.read_text(encoding="utf-8")
        assert [c.text for c in chunks(page)] == [page], path.name  # cleaned as one chunk: as a whole
    for path in DEV_PAGES[:: len(DEV_PAGES) // 4]:  # and the chunked path gives that output
        page = path.read_text(encoding="utf-8")
        assert clean_and_count(page)[0] == clean_text(page) == clean_and_explain(page).text, path.name


@needs_dev
def test_cli_a_large_file_of_pages_is_cleaned_page_by_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pages = [p.read_text(encoding="utf-8") for p in DEV_PAGES[:12]]
    text = "\n\n\n".join(pages)
    monkeypatch.setattr(chunking, "THRESHOLD", 1000)
    monkeypatch.setattr(chunking, "SIZE", 1)  # each page a chunk of its own
    src = tmp_path / "big.txt"
    src.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["clean", str(src), "-o", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    cleaned = [clean_text(p) for p in pages]
    assert (tmp_path / "out" / "big.txt").read_text(encoding="utf-8") == "\n".join(c for c in cleaned if c)
    # Removals keep the line numbers of the whole file.
    lines = text.split("\n")
    explained = clean_and_explain(text)
    assert explained.removals and all(
        r.text == lines[r.first_line - 1]
        for r in explained.removals
        if r.first_line == r.last_line and "\n" not in r.text
    )


def test_a_line_longer_than_a_chunk_is_a_chunk_of_its_own_and_the_text_below_is_still_cut() -> None:
    # Issue 18: a line longer than MOST with no line end in reach made the rest of the text, however
    # long, one chunk: the bound was gone for everything below it.
    short = "".join(f"A short line number {i} of the text.\n" for i in range(400))
    long = "x" * 5000 + "\n"
    text = short + long + short * 20
    got = list(chunks(text, threshold=1, size=1000, most=2000))
    assert long in [c.text for c in got]
    assert max(len(c.text) for c in got) == len(long)
    assert _rebuilt(text, 1, 1000, 2000) == text
    # A long line that starts a chunk, and one that ends the text without a newline.
    assert next(chunks(long + short, threshold=1, size=1000, most=2000)).text == long
    assert [c.text for c in chunks(short + long[:-1], threshold=1, size=1000, most=2000)][-1] == long[:-1]


def test_cli_a_line_longer_than_a_chunk_passes_through_unchanged_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cleaner import pipeline

    monkeypatch.setattr(chunking, "THRESHOLD", 20_000)
    monkeypatch.setattr(chunking, "MOST", 4_000)
    monkeypatch.setattr(pipeline, "MAX_LINE_CHARS", 3_000)
    page = "Home | News | Sport\nThe article has a first sentence that is long enough to be kept as prose.\n"
    long = "word " * 2_000 + "end"
    text = page * 100 + long + "\n" + page * 300
    src = tmp_path / "long.txt"
    src.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["clean", str(src), "-o", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    out = (tmp_path / "out" / "long.txt").read_text(encoding="utf-8")
    assert long + "\n" in out and out == clean_and_count(text)[0]
    assert "line 201 has 10,003 characters (more than 3,000): left as it is" in result.stderr


@needs_dev
def test_captures_separated_by_one_blank_line_are_cut_between_captures_only() -> None:
    # No dev page has a blank line of its own, so a cut at a paragraph break (one blank line) falls
    # between two captures; a capture with blank lines inside can be cut there (docs/inputs.md).
    pages = [p.read_text(encoding="utf-8").strip("\n") + "\n" for p in DEV_PAGES]
    text = "\n".join(pages)
    got = list(chunks(text, threshold=1, size=50_000, most=400_000))
    assert len(got) > 20 and all(c.after_blank for c in got[1:])
    starts = {page.split("\n", 1)[0] for page in pages}
    assert all(c.text.split("\n", 1)[0] in starts and c.text.endswith("\n") for c in got)
    assert "\n".join(c.text for c in got) == text


_TEXT_ATOMS = ["a", "word ", "\n", "\n\n", "\n\n\n", "\f\n", " \t", "\n \n", "a long line of text "]


@given(
    st.lists(st.sampled_from(_TEXT_ATOMS), max_size=60),
    st.lists(st.integers(min_value=0, max_value=400), max_size=8),
    st.integers(min_value=1, max_value=60),
    st.integers(min_value=1, max_value=30),
    st.integers(min_value=0, max_value=40),
)
def test_a_text_given_in_pieces_is_cut_as_the_text_given_whole(
    atoms: list[str], cuts: list[int], threshold: int, size: int, more: int
) -> None:
    # A huge JSONL record's text is read in pieces and never joined (cleaner.jsonl_big): its chunks,
    # wherever the pieces end, must be those of the whole text.
    text = "".join(atoms)
    ends = sorted({min(c, len(text)) for c in cuts})
    pieces = [text[i:j] for i, j in zip([0, *ends], [*ends, len(text)], strict=True)]
    limits = (threshold, size, size + more)
    assert list(chunking.chunks_of(pieces, *limits)) == list(chunks(text, *limits))
