"""One parse per page for trafilatura and the list-page bound (cleaner.html_tree.trees): trafilatura gets
the tree its own load_html would make, and the bound reads it only where it holds the page text's
words."""

from __future__ import annotations

from typing import Any

import pytest
from htmlpages import footer_only_page, layout_table_page, news_page, short_news_page
from lxml import etree  # type: ignore[import-untyped]
from material import SHARED
from trafilatura.utils import load_html

from cleaner.config import Config
from cleaner.decoding import decode
from cleaner.html import clean_page, html_to_text
from cleaner.html_page import count_words, page_text, parse, word_bound
from cleaner.html_tree import trees
from cleaner.pipeline import clean_and_explain

HTML_DIRS = [SHARED / "bench" / "dev" / "html", SHARED / "bench" / "cleaneval-dev" / "html"]
_DOCTYPE = (
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">'
)
PAGES = [
    news_page(),
    layout_table_page(),
    footer_only_page(),
    short_news_page(),
    _DOCTYPE + "\n" + news_page(),
    "<html><body><p>one<!-- c -->word, two<?pi x?>words</p><script>var a b c</script></body></html>",
    "<html><body><p>a control\x01 character</p>" + "<p>and a long paragraph of words</p>" * 3 + "</body></html>",
    "<body><p>no html tag</p><p>a fragment</p></body><body><p>a second body</p></body>",
    "<html/><body><p>a self-closed html tag</p></body>",
]


def _real_pages() -> list[str]:
    return [decode(p.read_bytes()) for d in HTML_DIRS for p in sorted(d.glob("*.html"))]


def _shares(html: str) -> bool:
    loaded, tree = trees(html)
    return loaded is not None and tree is loaded


def _string_only(html: str) -> tuple[None, Any]:
    """trees as if trafilatura always got the page as a string (its parse and ours apart)."""
    return None, parse(html)


def _same_tree(ours: Any, html: str) -> bool:
    theirs = load_html(html)
    return theirs is not None and etree.tostring(ours) == etree.tostring(theirs)


@pytest.mark.parametrize("html", PAGES)
def test_trafilatura_gets_its_own_tree_and_the_bound_holds(html: str) -> None:
    loaded, tree = trees(html)
    assert loaded is None or _same_tree(loaded, html)
    if tree is not None:
        assert word_bound(tree) >= count_words(page_text(html))


def test_which_pages_share_their_parse() -> None:
    shared = [html for html in PAGES if _shares(html)]
    assert news_page() in shared and _DOCTYPE + "\n" + news_page() in shared
    assert PAGES[5] in shared  # comments and processing instructions: both parses join the text around them
    assert PAGES[6] not in shared  # trafilatura's repair takes the control character out of the markup
    assert PAGES[7] not in shared and trees(PAGES[7])[0] is None  # lxml.html may hand trafilatura a part
    assert PAGES[8] not in shared  # trafilatura repairs the self-closed html tag


@pytest.mark.parametrize("html", PAGES)
def test_the_page_reads_as_with_the_string(html: str, monkeypatch: pytest.MonkeyPatch) -> None:
    shared = html_to_text(html)
    monkeypatch.setattr("cleaner.html.trees", _string_only)
    assert html_to_text(html) == shared


@pytest.mark.skipif(not HTML_DIRS[1].is_dir(), reason="no ../shared/bench/cleaneval-dev")
def test_shared_trees_of_real_pages() -> None:
    """Every dev page: trafilatura's tree is the one load_html makes, and where the bound reads it,
    the bound is at least the page text's words (so the list-page test decides as before)."""
    shared = 0
    for html in _real_pages():
        loaded, tree = trees(html)
        assert loaded is None or _same_tree(loaded, html)
        if _shares(html):
            shared += 1
            assert word_bound(tree) >= count_words(page_text(html))
    assert shared > 300


@pytest.mark.skipif(not HTML_DIRS[1].is_dir(), reason="no ../shared/bench/cleaneval-dev")
def test_real_pages_clean_as_with_the_string(monkeypatch: pytest.MonkeyPatch) -> None:
    pages = _real_pages()[::20]
    config = Config()
    shared = [clean_page(html, config, clean_and_explain) for html in pages]
    monkeypatch.setattr("cleaner.html.trees", _string_only)
    assert [clean_page(html, config, clean_and_explain) for html in pages] == shared
