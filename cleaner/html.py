"""Saved HTML pages: recognise them, and turn them into article text the rule pipeline then cleans.

trafilatura finds the main content with the whole DOM to hand (comments left out), once per page;
its tree is rendered here one block per line, table cells included (render_body). It still keeps
`[ad_1]`, "Leave a Reply", "Advertisement" and caption lines, which is why its text goes through
the known-debris rules (every rule but the content model, which would search its choice for an
article a second time). When it finds nothing, or keeps only a small share of a page that the
text path reads as content (a list page), the page's visible blocks, one per line, go through the
whole text path instead, and the caller is told (clean_page).

trafilatura and lxml are imported only when a page is met: they cost most of a second to load,
and a run over text files must not pay for them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any, Protocol, TypeVar

from cleaner.config import Config
from cleaner.content.guess import article_guess
from cleaner.html_depth import MAX_DEPTH, PARSER_DEPTH, may_be_deep, shallow
from cleaner.html_page import count_words, word_bound
from cleaner.html_page import page_text as page_text  # re-exported: part of this module's interface
from cleaner.html_teasers import drop_teaser_lists
from cleaner.html_tree import trees
from cleaner.pipeline import run_until

HTML_SUFFIXES = (".html", ".htm", ".xhtml")

# The start of a document, past a BOM, whitespace, comments and an XML declaration.
_HTML_START = re.compile(
    r"\A\ufeff?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_LINE = re.compile(r"^[ \t]*<html[\s>]", re.IGNORECASE | re.MULTILINE)
_SNIFF_CHARS = 2048


class HtmlMode(StrEnum):
    """trafilatura's precision/recall trade-off, passed through."""

    DEFAULT = "default"
    PRECISION = "precision"
    RECALL = "recall"


@dataclass(frozen=True)
class HtmlText:
    text: str
    """One paragraph (or heading, list item, table row) per line; not yet cleaned by the rules."""
    fallback: bool
    """True when main-content extraction found nothing and the whole page's visible text was taken."""
    page: str | None = None
    """The page's full visible text, when trafilatura kept only a small share of it (see clean_page)."""
    flattened: bool = False
    """The page nested deeper than the parser reads, and was flattened first (cleaner.html_depth)."""
    too_large: bool = False
    """The page is longer than MAX_EXTRACTION_CHARS: its full text was taken without trafilatura."""


FALLBACK_WARNING = "no main content found in the HTML; cleaned the full page text instead"
FLATTENED_WARNING = (
    f"the page nests tags deeper than the HTML parser reads ({PARSER_DEPTH} levels); "
    f"tags below {MAX_DEPTH} levels were dropped and their text kept"
)
# trafilatura holds about 50 times a page's size while it reads it, and takes minutes on a large one
# (a 5 MB page of paragraphs: 260 MB more and 40 s; 20 MB: 1.0 GB): copies of the tree for its
# fallback extractors. A page longer than this (five times the largest dev page) skips it: its
# visible text goes through the whole text path, in chunks when long, with a warning.
MAX_EXTRACTION_CHARS = 5_000_000
LARGE_PAGE_WARNING = (
    f"the page has more than {MAX_EXTRACTION_CHARS:,} characters, beyond main-content extraction; "
    "cleaned the full page text instead"
)
LIST_PAGE_WARNING = (
    "the main-content extraction kept little of a page the text rules read as content; cleaned the full page text"
)

# trafilatura looks for one article. On a page that *is* a list (a directory, link list, index,
# listing) it keeps a few lines of it, or a paragraph beside it. When it kept under MAX_MAIN_SHARE
# of the page's words, the page's full text also goes through the text path (whose content model
# tells a list of content from menus and footers); if that keeps more than 1 / MAX_MAIN_SHARE times
# the words of trafilatura's cleaned text, the page was a list and the text path's result is used.
# News pages with big menus fall under the share too, but there the text path keeps about the
# article trafilatura kept. Both figures were tuned on the dev sets (docs/inputs.md).
MAX_MAIN_SHARE = 0.5
_WORD = re.compile(r"\w+")


class _Cleaned(Protocol):
    @property
    def text(self) -> str: ...


Cleaned = TypeVar("Cleaned", bound=_Cleaned)


def main_content_config(config: Config) -> Config:
    """The rules for trafilatura's text: all but the content model (CD001).

    trafilatura has already chosen the article with the whole DOM to hand; a second article search
    over its choice only loses text (on the CleanEval pages, recall 0.924 -> 0.890 with it).
    """
    return replace(config, ignore=(*config.ignore, "CD001"))


def clean_page(
    html: str, config: Config, clean: Callable[[str, Config], Cleaned], mode: HtmlMode = HtmlMode.DEFAULT
) -> tuple[Cleaned, str | None]:
    """A page cleaned: trafilatura's main content through the known-debris rules, or the page's
    full text through the whole text path (see MAX_MAIN_SHARE). `clean` runs the rules on a text;
    the second value is a warning when the full page text was used instead, or the page was
    flattened (both, joined by "; ", when both)."""
    extracted = html_to_text(html, mode)
    cleaned, warning = _clean_extracted(extracted, config, clean)
    if extracted.flattened:
        return cleaned, FLATTENED_WARNING if warning is None else f"{FLATTENED_WARNING}; {warning}"
    return cleaned, warning


def _clean_extracted(
    extracted: HtmlText, config: Config, clean: Callable[[str, Config], Cleaned]
) -> tuple[Cleaned, str | None]:
    if extracted.fallback:
        return clean(extracted.text, config), LARGE_PAGE_WARNING if extracted.too_large else FALLBACK_WARNING
    main = clean(extracted.text, main_content_config(config))
    if extracted.page is not None:
        page = clean(extracted.page, config)
        if _words(main.text) < MAX_MAIN_SHARE * _words(page.text) and not _short_article(
            extracted.page, main.text, config
        ):
            return page, LIST_PAGE_WARNING
    return main, None


# Where content detection does not believe its selection on the page's text (select.article: it
# keeps under 15% of the page, or falls apart when selected again), the text path keeps the page whole, and "the text path
# keeps more than twice trafilatura's words" says only that trafilatura kept under half of the
# page: no evidence that the page is a list. A news page with a short article and long teaser lists
# and footers is such a page (jpost.com, linknaija.com on the dev set). The evidence then is whether
# the two article finders agree: the selection content detection did not trust and trafilatura's
# text share their words (F1 of the word bags) at least this much on an article page (news: 0.93,
# 0.48), and are apart on a list page, where the selection is a scrap beside the list and
# trafilatura's text a menu or a teaser box (CleanEval 606, 618, 758: 0.06, 0.20, 0.30).
MIN_AGREEMENT = 0.4


def _short_article(page: str, main: str, config: Config) -> bool:
    """Whether a page whose text the text path keeps whole is an article page all the same: content
    detection's untrusted selection agrees with trafilatura's text (MIN_AGREEMENT)."""
    guess = article_guess(run_until(page, config, "CD001"))
    return guess is not None and not guess.believed and _agreement(main, guess.kept_text()) >= MIN_AGREEMENT


def _agreement(a: str, b: str) -> float:
    """F1 of the two texts' bags of lower-cased words."""
    bag_a, bag_b = Counter(_WORD.findall(a.lower())), Counter(_WORD.findall(b.lower()))
    both = (bag_a & bag_b).total()
    return 2 * both / (bag_a.total() + bag_b.total()) if both else 0.0


def _words(text: str) -> int:
    return count_words(text)


def is_html_name(name: str) -> bool:
    return name.lower().endswith(HTML_SUFFIXES)


def looks_like_html(text: str) -> bool:
    """Whether text is an HTML document (its start), so files under any name and stdin can be routed."""
    head = text[:_SNIFF_CHARS]
    if _HTML_START.match(head):
        return True
    # Some savers put a line of their own first; an `<html` tag opening a later line still counts.
    return _HTML_LINE.search(head) is not None


def html_to_text(html: str, mode: HtmlMode = HtmlMode.DEFAULT) -> HtmlText:
    """The article text of a page: trafilatura's main content, else the page's visible blocks.

    One trafilatura call per page. When the main content holds under MAX_MAIN_SHARE of the page's
    words, the page's text comes along for clean_page to weigh.
    """
    # The page's tree shows first whether the page nests deep enough for shallow() to look at it
    # (most do not: a look at its tags costs more than the tree), and serves the list-page bound.
    # trafilatura's own parse (`loaded`) is handed to it as a tree; where it holds the text the page
    # text's parse would, it is that tree too (html_tree.trees): one parse where there were two.
    loaded, tree = trees(html) if len(html) <= MAX_EXTRACTION_CHARS else (None, None)
    flattened = False
    if tree is None or may_be_deep(tree):
        html, flattened = shallow(html)  # a page nested past the parser's depth limit would come out empty
        loaded = tree = None
    if len(html) > MAX_EXTRACTION_CHARS:
        return HtmlText(page_text(html), fallback=True, flattened=flattened, too_large=True)
    extracted = _main_content(html if loaded is None else loaded, mode)
    # The page text reads its own parse: trafilatura's differs in what it never shows (comments).
    own = None if tree is loaded else tree
    if not extracted.strip():
        return HtmlText(page_text(html, own), fallback=True, flattened=flattened)
    words = _words(extracted)
    # Most pages are decided by a bound on the page's words, without its text (word_bound).
    if tree is not None and words >= MAX_MAIN_SHARE * word_bound(tree):
        return HtmlText(extracted, fallback=False, flattened=flattened)
    page = page_text(html, own)  # trafilatura has read the page: the tree may be changed now
    small = words < MAX_MAIN_SHARE * _words(page)
    return HtmlText(extracted, fallback=False, page=page if small else None, flattened=flattened)


def _main_content(html: str | Any, mode: HtmlMode) -> str:
    import trafilatura

    _quiet_trafilatura()
    options: dict[str, Any] = {
        "include_comments": False,
        "include_tables": True,
        "include_images": False,
        "include_links": False,
        "include_formatting": False,
        "deduplicate": False,
        # The tree, not trafilatura's text: its text output puts a whole table row on one line
        # (a layout table's article becomes one line of `| ... |`), see render_body.
        "output_format": "xml",
        "favor_precision": mode is HtmlMode.PRECISION,
        "favor_recall": mode is HtmlMode.RECALL,
    }
    try:
        document = trafilatura.bare_extraction(html, **options)
    except Exception:  # a page trafilatura chokes on gets the full-page fallback, not a crashed run
        return ""
    body = getattr(document, "body", None)
    return render_body(body) if body is not None else ""


# trafilatura's output tree: elements that stand on lines of their own. Stray HTML tags it lets
# through (div, li, td...) count as blocks too: a wrong line break costs nothing, a missing one
# glues two blocks into one line that the rules then judge as one.
# Inside one line (a table row's cell, a part of a block between newlines), any run of spaces is one.
_TREE_SPACES = re.compile(r"[\s\u200b]+")
_TREE_INLINE = frozenset(["hi", "ref", "del", "span", "a", "b", "i", "em", "strong", "sub", "sup", "graphic"])


def render_body(body: Any) -> str:
    """trafilatura's extracted tree as text, one block per line.

    A table row whose cells hold only running text is one line, `| a | b |` (a data table stays
    readable and the rules see one row as one line). A row whose cells hold paragraphs, lists,
    headings, line breaks or tables is a layout row: each cell's blocks get lines of their own,
    as in any other part of the page, so an article set in a table cell reads as an article.
    A box of headline teasers after the article's last paragraph is left out (cleaner.html_teasers).
    """
    blocks: list[str] = []
    current: list[str] = []
    drop_teaser_lists(body)
    _render(body, blocks, current)
    _flush(blocks, current)
    return _spaced_lines("\n".join(blocks))


def _spaced_lines(text: str) -> str:
    """Each line of `text` with its runs of spaces (str.isspace's characters and U+200B) made one
    and its ends stripped, empty lines dropped, every line ending in a newline.

    str.split() cuts at runs of exactly str.isspace's characters and drops the ends: one split and
    join per line costs half of one regex substitution over the page, whose class of spaces re
    tests character by character."""
    if "\u200b" in text:
        text = text.replace("\u200b", " ")
    return "".join(line + "\n" for line in map(" ".join, map(str.split, text.split("\n"))) if line)


def _flush(blocks: list[str], current: list[str]) -> None:
    # trafilatura leaves some line breaks (`<br>` in blocks it rebuilt) as newlines in the text: kept,
    # as its text output keeps them (measured: the same on the news pages, CleanEval F1 +0.002).
    # Each becomes a line of its own in render_body.
    if current:
        blocks.append("".join(current))
        current.clear()


def _render(element: Any, lines: list[str], current: list[str], in_item: bool = False) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "row" and _inline_row(element):
        _flush(lines, current)
        cells = [_TREE_SPACES.sub(" ", "".join(cell.itertext())).strip() for cell in element]
        filled = [cell for cell in cells if cell]
        if len(filled) == 1:
            lines.append(filled[0])
        elif filled:
            lines.append("| " + " | ".join(filled) + " |")
    elif tag in _TREE_INLINE or not tag or (in_item and tag not in ("list", "item")):
        # Inside a list item (as in trafilatura's text output), line breaks and paragraphs run on:
        # an item is one line, so a teaser's headline and blurb are judged together.
        current.append(" " if tag == "lb" else "")
        if tag and element.text:
            current.append(element.text)
        for child in element:
            _render(child, lines, current, in_item)
        current.append(" " if in_item else "")
    elif tag == "lb":
        _flush(lines, current)
    else:
        _flush(lines, current)
        if tag == "item":
            current.append("- ")
        if element.text:
            current.append(element.text)
        for child in element:
            _render(child, lines, current, in_item or tag == "item")
        if tag == "item" and "".join(current).strip() == "-":
            current.clear()  # an item holding only a sublist (its items carry the markers), or nothing
        _flush(lines, current)
    if element.tail:
        current.append(element.tail)


def _inline_row(row: Any) -> bool:
    return all(
        child.tag in _TREE_INLINE for cell in row for child in cell.iterdescendants() if isinstance(child.tag, str)
    )


def _quiet_trafilatura() -> None:
    # trafilatura logs "empty HTML tree" and similar at WARNING; a page it cannot read is reported
    # by our own warning, not by a stray log line on stderr in the middle of a progress bar.
    import logging

    logger = logging.getLogger("trafilatura")
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())
        logger.propagate = False
