"""Pages nested deeper than the HTML parser goes (255 levels) keep their text."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.html import FALLBACK_WARNING, FLATTENED_WARNING, html_to_text
from cleaner.html_depth import MAX_DEPTH, shallow

PARAGRAPH = "The one paragraph of this deeply nested article is here, and it is long enough to be kept as prose."


def _page(body: str) -> str:
    return f"<html><head><title>Deep</title></head><body>{body}</body></html>"


def test_cli_a_paragraph_inside_100000_divs_comes_out(tmp_path: Path) -> None:
    src = tmp_path / "deep.html"
    src.write_text(_page("<div>" * 100_000 + f"<p>{PARAGRAPH}</p>" + "</div>" * 100_000))
    report = tmp_path / "report.json"
    result = CliRunner().invoke(app, ["clean", str(src), "-o", str(tmp_path / "out"), "--report", str(report)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "deep.txt").read_text() == PARAGRAPH + "\n"
    # Never a silent change: the flattening is a warning on stderr and in the report.
    assert f"{src}: {FLATTENED_WARNING}" in result.stderr
    assert any(FLATTENED_WARNING in w for w in json.loads(report.read_text())["files"][0]["warnings"])


def test_cli_explain_warns_about_a_flattened_page_and_an_ordinary_page_gets_no_such_warning(tmp_path: Path) -> None:
    deep, plain = tmp_path / "deep.html", tmp_path / "plain.html"
    deep.write_text(_page("<div>" * 300 + f"<p>{PARAGRAPH}</p>" + "</div>" * 300))
    plain.write_text(_page(f"<div><p>{PARAGRAPH}</p></div>"))
    result = CliRunner().invoke(app, ["explain", str(deep)])
    assert result.exit_code == 0 and FLATTENED_WARNING in result.stderr, result.output
    result = CliRunner().invoke(app, ["clean", str(plain), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0 and "deeper" not in result.stderr, result.output


def test_a_flattened_page_with_no_main_content_gets_both_warnings() -> None:
    from cleaner.config import Config
    from cleaner.html import clean_page
    from cleaner.pipeline import clean_and_explain

    page = _page("<div>" * 300 + "</div>" * 300)
    _, warning = clean_page(page, Config(), clean_and_explain)
    assert warning == f"{FLATTENED_WARNING}; {FALLBACK_WARNING}"


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
