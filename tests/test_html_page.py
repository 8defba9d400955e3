"""The page's full visible text: the one-pass reading of a page equals the element-by-element walk."""

from __future__ import annotations

import pytest
from htmlpages import footer_only_page, layout_table_page, news_page, short_news_page
from material import SHARED

import cleaner.html_page
from cleaner.decoding import decode
from cleaner.html import html_to_text
from cleaner.html_depth import MAX_DEPTH
from cleaner.html_page import page_text

TRICKY = [
    "<html><body><p>a<!-- note -->b<?pi x?>c<b>d</b>e</p><div>f<br>g</div>h</body></html>",
    '<html><body><div style="Display : NONE">gone</div>after<p hidden>hid</p>tail<span style="visibility:hidden">'
    "x</span>y<script>var z</script>z</body></html>",
    "<html><body><ul><li>one<li>two</ul><table><tr><td>c1<td>c2</table>\u00a0 spaced \u200b</body></html>",
    "<html><body><p>vertical\x0btab and\x0cform feed</p><div>next</div></body></html>",  # lxml refuses to set such text
    '<?xml version="1.0" encoding="utf-8"?><html><body><p>declared</p></body></html>',
    "<html hidden><body><p>nothing shown</p></body></html>",
    "",
    "just text, no tags",
]


def _walked(html: str, monkeypatch: pytest.MonkeyPatch) -> str:
    with monkeypatch.context() as patch:
        patch.setattr(cleaner.html_page, "STREAM_CHARS", -1)  # every page read element by element
        return page_text(html)


@pytest.mark.parametrize("html", [*TRICKY, news_page(), layout_table_page(), footer_only_page(), short_news_page()])
def test_one_pass_text_equals_the_walk(html: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert page_text(html) == _walked(html, monkeypatch)


def test_the_walk_shows_what_is_visible_only(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _walked(TRICKY[0], monkeypatch) == "abcde\nf\ng\nh\n"
    assert _walked(TRICKY[1], monkeypatch) == "aftertailyz\n"
    assert page_text(TRICKY[3]) == "vertical tab and form feed\nnext\n"  # through the walk


HTML_DIRS = [SHARED / "bench" / "dev" / "html", SHARED / "bench" / "cleaneval-dev" / "html"]


@pytest.mark.skipif(not HTML_DIRS[1].is_dir(), reason="no ../shared/bench/cleaneval-dev")
def test_one_pass_text_equals_the_walk_on_real_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    pages = [p for d in HTML_DIRS for p in sorted(d.glob("*.html"))][::15]
    for path in pages:
        html = decode(path.read_bytes())
        assert page_text(html) == _walked(html, monkeypatch), path.name


def test_a_page_nested_just_under_the_limit_is_read_whole_without_flattening() -> None:
    words = " ".join(f"word{i}" for i in range(30))
    html = (
        "<html><body>" + "<div>" * (MAX_DEPTH - 5) + f"<p>{words}.</p>" + "</div>" * (MAX_DEPTH - 5) + "</body></html>"
    )
    got = html_to_text(html)
    assert not got.flattened and words in got.text
