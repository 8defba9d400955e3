"""HTML pages: sniffing, main-content extraction through trafilatura, the full-page fallback."""

from __future__ import annotations

from pathlib import Path

import pytest
from htmlpages import ARTICLE, footer_only_page, news_page
from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.html import HtmlMode, html_to_text, is_html_name, looks_like_html, page_text
from cleaner.pipeline import clean_text

runner = CliRunner()


@pytest.mark.parametrize("mode", list(HtmlMode))
def test_article_kept_and_debris_gone_after_the_rules(mode: HtmlMode) -> None:
    extracted = html_to_text(news_page(), mode)
    assert not extracted.fallback
    assert "[ad_1]" in extracted.text  # trafilatura alone keeps the shortcode: why the rules run after it
    cleaned = clean_text(extracted.text)
    for sentence in ARTICLE:
        assert sentence + "\n" in cleaned
    for debris in ("[ad_1]", "Advertisement", "Leave a Reply", "Your email address", "Home\n", "Copyright", "var "):
        assert debris not in cleaned


def test_paragraphs_stay_one_per_line() -> None:
    lines = html_to_text(news_page()).text.splitlines()
    assert [line for line in lines if line in ARTICLE] == ARTICLE


def test_fallback_to_full_page_text_when_nothing_is_found() -> None:
    result = html_to_text(footer_only_page())
    assert result.fallback
    assert "Opening hours are nine to five every weekday except public holidays." in result.text
    assert "Leave a Reply" not in clean_text(result.text)


def test_page_text_puts_each_visible_block_on_a_line() -> None:
    lines = page_text(news_page()).splitlines()
    assert lines[:3] == ["Home", "World", "Sports"]
    assert ARTICLE[0] in lines and "Copyright 2026 Harbour Gazette. All rights reserved." in lines
    assert not any("tracking" in line or "color:" in line for line in lines)  # scripts and styles are not text
    assert page_text('<div style="display: none">secret</div><p hidden>gone</p><p>shown</p>') == "shown\n"


@pytest.mark.parametrize(
    "start",
    [
        "<!DOCTYPE html><html><body>x</body></html>",
        "\ufeff  <!doctype HTML>\n<html>",
        '<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">',
        "<!-- saved by a browser -->\n<html><head>",
        "<head><meta charset=utf-8><title>t</title></head>",
        "Saved page\n<html><head><title>t</title></head><body>",
    ],
)
def test_html_is_sniffed(start: str) -> None:
    assert looks_like_html(start)


@pytest.mark.parametrize(
    "text",
    [
        "A story about web pages.\nIt mentions the <html> tag and the <body> of a letter.\n" + "More prose. " * 200,
        "Plain article text with a <b>bold</b> word.\n",
        "",
    ],
)
def test_text_is_not_sniffed_as_html(text: str) -> None:
    assert not looks_like_html(text)


def test_html_names() -> None:
    assert is_html_name("a/Page.HTML") and is_html_name("b.htm") and not is_html_name("c.html.txt")


def test_default_mode_keeps_what_both_settings_agree_on_plus_prose() -> None:
    from cleaner.html import _agree

    default = "\n".join(
        [
            "Headline of the story",
            ARTICLE[0],
            "Subheading both settings keep",
            ARTICLE[1],
            "- Teaser of another story only the default setting keeps",
            "Sign up for our newsletter",
            ARTICLE[2],
        ]
    )
    precise = "\n".join([ARTICLE[0], "Subheading both settings keep", ARTICLE[2]])
    # ARTICLE[1] is missing from the precise setting but reads as a sentence: it stays.
    assert _agree(default, precise).splitlines() == [ARTICLE[0], "Subheading both settings keep", *ARTICLE[1:3]]
    # A precise setting that lost most of the page has failed: the default is kept whole.
    assert _agree(default, "Subheading both settings keep") == default


def test_cli_cleans_pages_into_txt_names_and_sniffs_html_in_any_file(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    (src / "sub").mkdir(parents=True)
    (src / "story.html").write_text(news_page())
    (src / "sub" / "saved.txt").write_text(news_page())  # a page saved under a text name
    (src / "sub" / "twin.htm").write_text(news_page())
    (src / "sub" / "twin.txt").write_text(ARTICLE[0] + "\n")  # its .txt name is taken: the page keeps its full name
    result = runner.invoke(app, ["clean", str(src), "-o", str(out), "--html-mode", "precision"])
    assert result.exit_code == 0, result.output
    produced = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert produced == ["story.txt", "sub/saved.txt", "sub/twin.htm.txt", "sub/twin.txt"]
    for name in ("story.txt", "sub/saved.txt", "sub/twin.htm.txt"):
        text = (out / name).read_text()
        assert all(sentence in text for sentence in ARTICLE) and "<p>" not in text and "[ad_1]" not in text
    assert (out / "sub" / "twin.txt").read_text() == ARTICLE[0] + "\n"


def test_cli_reports_the_fallback(tmp_path: Path) -> None:
    page = tmp_path / "hours.html"
    page.write_text(footer_only_page())
    result = runner.invoke(app, ["clean", str(page), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert "hours.html: no main content found in the HTML; cleaned the full page text instead" in result.stderr
    assert "Opening hours" in (tmp_path / "out" / "hours.txt").read_text()


def test_cli_stdin_sniffs_html() -> None:
    result = runner.invoke(app, ["clean", "-"], input=news_page().encode("utf-8"))
    assert result.exit_code == 0
    assert ARTICLE[0] in result.stdout and "<html" not in result.stdout and "[ad_1]" not in result.stdout


def test_fix_and_check_leave_pages_alone(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    page.write_text(news_page())
    for command in ("fix", "check"):
        result = runner.invoke(app, [command, str(page)])
        assert result.exit_code == 0 and "never in place; skipped" in result.stderr
    assert page.read_text() == news_page()


def test_a_page_trafilatura_fails_on_gets_the_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    def broken(*args: object, **kwargs: object) -> str:
        raise ValueError("simulated parser failure")

    monkeypatch.setattr(trafilatura, "extract", broken)
    result = html_to_text(news_page())
    assert result.fallback and ARTICLE[0] in result.text


def test_an_xml_declaration_does_not_stop_either_stage() -> None:
    page = '<?xml version="1.0" encoding="ISO-8859-1"?>\n' + news_page()
    assert ARTICLE[0] in html_to_text(page).text
    assert ARTICLE[0] in page_text(page)


def test_explain_a_page_names_the_rules_on_its_extracted_text(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    page.write_text(news_page())
    result = runner.invoke(app, ["explain", str(page)])
    assert result.exit_code == 0
    assert "AD001" in result.stdout and "[ad_1]" in result.stdout and "<p>" not in result.stdout
