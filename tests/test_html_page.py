"""The page's full visible text: the one-pass reading of a page equals the element-by-element walk."""

from __future__ import annotations

import re
import sys

import pytest
from htmlpages import footer_only_page, layout_table_page, news_page, short_news_page
from hypothesis import example, given
from hypothesis import strategies as st
from material import SHARED

import cleaner.html
import cleaner.html_page
from cleaner.decoding import decode
from cleaner.html import html_to_text
from cleaner.html_depth import MAX_DEPTH
from cleaner.html_page import count_words, page_text, parse, word_bound

TRICKY = [
    "<html><body><p>a<!-- note -->b<?pi x?>c<b>d</b>e</p><div>f<br>g</div>h</body></html>",
    '<html><body><div style="Display : NONE">gone</div>after<p hidden>hid</p>tail<span style="visibility:hidden">'
    "x</span>y<script>var z</script>z</body></html>",
    "<html><body><ul><li>one<li>two</ul><table><tr><td>c1<td>c2</table>\u00a0 spaced \u200b</body></html>",
    "<html><body><p>vertical\x0btab and\x0cform feed</p><div>next</div></body></html>",  # lxml refuses to set such text
    '<?xml version="1.0" encoding="utf-8"?><html><body><p>declared</p></body></html>',
    "<html hidden><body><p>nothing shown</p></body></html>",
    '<html><body><p style="VISIBILITY:\tHidden">gone</p><p style="d\u0130splay:none">kept</p>'
    '<p style="color: red; display:none !important">gone</p><p style="display: block">shown</p></body></html>',
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


# Words split across text nodes: by a block (two words in the page text), by an inline tag (one),
# by a comment or a hidden element (one: what is never shown goes, its tail stays).
SPLIT = [
    "<html><body><p>wo<b>rd</b></p><div>a<br>b</div>c<span>d</span></body></html>",
    '<html><body><p>in<!-- x -->side<span style="display:none">no</span>out</p></body></html>',
]


@pytest.mark.parametrize("html", [*TRICKY, *SPLIT, news_page(), layout_table_page(), footer_only_page()])
def test_word_bound_is_at_least_the_page_texts_words(html: str) -> None:
    tree = parse(html)
    if tree is None:
        return
    assert word_bound(tree) >= count_words(page_text(html))


def test_word_bound_counts_the_words_of_each_text_node() -> None:
    assert count_words(page_text(SPLIT[0])) == 4  # word, a, b, cd: the inline tags join their neighbours
    assert word_bound(parse(SPLIT[0])) == 6
    assert word_bound(parse(SPLIT[1])) == 3  # in, side, out: the hidden "no" is not counted
    assert word_bound(parse(TRICKY[5])) == 0


def test_page_text_reads_a_tree_after_word_bound() -> None:
    for html in [*TRICKY, *SPLIT, news_page()]:
        tree = parse(html)
        if tree is not None:
            word_bound(tree)
            assert page_text(html, tree) == page_text(html), html


_TEXT = st.text(st.sampled_from("ab_9 \n\t-.\u00a0\u00e9\u00df\u2014\u201c\u00b2\u0661\u4e2d\u200b\ud800"), max_size=40)


@given(_TEXT)
@example("a\u2014b\u00a0c\ud800d\u201c\u4e2d\u0661\u200b_9")
def test_words_are_counted_as_re_finds_them(text: str) -> None:
    assert count_words(text) == len(re.findall(r"\w+", text))


@pytest.mark.skipif(not HTML_DIRS[1].is_dir(), reason="no ../shared/bench/cleaneval-dev")
def test_word_bound_holds_on_every_real_page() -> None:
    """The bound decides most pages without their text (cleaner.html.html_to_text): on every dev
    page it is at least the page text's words, so the list-page test decides as with the text."""
    for path in [p for d in HTML_DIRS for p in sorted(d.glob("*.html"))]:
        html = decode(path.read_bytes())
        tree = parse(html)
        assert tree is None or word_bound(tree) >= count_words(page_text(html)), path.name


@pytest.mark.skipif(not HTML_DIRS[1].is_dir(), reason="no ../shared/bench/cleaneval-dev")
def test_html_to_text_is_the_same_without_the_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    pages = [p for d in HTML_DIRS for p in sorted(d.glob("*.html"))][::12]
    decided = []
    for path in pages:
        html = decode(path.read_bytes())
        got = html_to_text(html)
        with monkeypatch.context() as patch:
            patch.setattr(cleaner.html, "word_bound", lambda tree: sys.maxsize)  # the page text, always
            assert html_to_text(html) == got, path.name
        decided.append(got.page is None and not got.fallback)
    assert any(decided) and not all(decided)
