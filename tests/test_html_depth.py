"""Pages nested deeper than the HTML parser goes (255 levels) keep their text."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.html import html_to_text
from cleaner.html_depth import MAX_DEPTH, shallow

PARAGRAPH = "The one paragraph of this deeply nested article is here, and it is long enough to be kept as prose."


def _page(body: str) -> str:
    return f"<html><head><title>Deep</title></head><body>{body}</body></html>"


def test_cli_a_paragraph_inside_100000_divs_comes_out(tmp_path: Path) -> None:
    src = tmp_path / "deep.html"
    src.write_text(_page("<div>" * 100_000 + f"<p>{PARAGRAPH}</p>" + "</div>" * 100_000))
    result = CliRunner().invoke(app, ["clean", str(src), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "deep.txt").read_text() == PARAGRAPH + "\n"


def test_deep_paragraphs_stay_on_their_own_lines_and_text_around_them_stays() -> None:
    first, second = PARAGRAPH.replace("one", "first"), PARAGRAPH.replace("one", "second")
    closing = "A closing paragraph outside the deep part, written as a full sentence for the reader."
    body = "<div>" * 1000 + f"<p>{first}</p>\n<p>{second}</p>" + "</div>" * 1000 + f"<p>{closing}</p>"
    assert html_to_text(_page(body)).text == f"{first}\n{second}\n{closing}\n"


def test_thousands_of_unclosed_inline_tags_keep_every_word() -> None:
    words = [f"word{i}" for i in range(3000)]
    html = _page("<p>" + "".join(f"<b>{w} " for w in words) + "</p>")
    flat, cut = shallow(html)
    assert cut and flat.count("<b>") == MAX_DEPTH - 3  # html, body and p are kept levels too
    assert html_to_text(html).text.split() == words


def test_an_ordinary_page_is_left_as_it_is() -> None:
    html = _page("<div><ul>" + "<li>item" * 400 + "</ul><p>" + PARAGRAPH + "</p></div>")
    assert shallow(html) == (html, False)
