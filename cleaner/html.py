"""Saved HTML pages: recognise them, and turn them into article text the rule pipeline then cleans.

trafilatura finds the main content with the whole DOM to hand (comments left out); it still keeps
`[ad_1]`, "Leave a Reply", "Advertisement" and caption lines, which is why its text goes through
the same rules as any text capture. When it finds nothing, the page's visible blocks, one per
line, go to the pipeline instead (the full-page text stage), and the caller is told.

trafilatura and lxml are imported only when a page is met: they cost most of a second to load,
and a run over text files must not pay for them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from cleaner.html_depth import shallow

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


FALLBACK_WARNING = "no main content found in the HTML; cleaned the full page text instead"


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
    """The article text of a page: trafilatura's main content, else the page's visible blocks."""
    html = shallow(html)[0]  # a page nested past the parser's depth limit would come out empty
    extracted = _main_content(html, mode)
    if mode is HtmlMode.DEFAULT and extracted.strip():
        extracted = _agree(extracted, _main_content(html, HtmlMode.PRECISION))
    if extracted.strip():
        return HtmlText(_tidy(extracted), fallback=False)
    return HtmlText(page_text(html), fallback=True)


def _agree(default: str, precise: str) -> str:
    """Lines of the default extraction that the precision-favouring one also keeps, plus prose.

    trafilatura's default setting lets through related-story lists, newsletter boxes and teaser
    lines that its precision setting drops; the precision setting sometimes drops real paragraphs
    too. A line both keep is content; a line only the default keeps stays if it reads as a
    sentence. When the precision setting lost most of the page, it failed: keep the default.
    """
    lines = default.splitlines()
    kept_precise = precise.splitlines()
    if sum(map(len, kept_precise)) < MIN_PRECISE_SHARE * sum(map(len, lines)):
        return default
    agreed = set(kept_precise)
    return "\n".join(line for line in lines if line in agreed or _is_prose(line)) + "\n"


# A line only the default setting keeps must look like a sentence to stay (see _agree).
MIN_PRECISE_SHARE = 0.3
MIN_PROSE_WORDS = 8
MIN_PROSE_CHARS = 64  # CJK text has no spaces: count characters too
_SENTENCE_END = re.compile(r"[.!?…。！？\"”’»)]\s*$")


def _is_prose(line: str) -> bool:
    text = line.strip()
    if text.startswith(("- ", "* ", "• ")):
        return False  # a list item: the form related-story lists take
    long_enough = len(text.split()) >= MIN_PROSE_WORDS or len(text) >= MIN_PROSE_CHARS
    return long_enough and _SENTENCE_END.search(text) is not None


def _main_content(html: str, mode: HtmlMode) -> str:
    import trafilatura

    _quiet_trafilatura()
    options: dict[str, Any] = {
        "include_comments": False,
        "include_tables": True,
        "include_images": False,
        "include_links": False,
        "include_formatting": False,
        "deduplicate": False,
        "output_format": "txt",
        "favor_precision": mode is HtmlMode.PRECISION,
        "favor_recall": mode is HtmlMode.RECALL,
    }
    try:
        result = trafilatura.extract(html, **options)
    except Exception:  # a page trafilatura chokes on gets the full-page fallback, not a crashed run
        return ""
    return result if isinstance(result, str) else ""


def _quiet_trafilatura() -> None:
    # trafilatura logs "empty HTML tree" and similar at WARNING; a page it cannot read is reported
    # by our own warning, not by a stray log line on stderr in the middle of a progress bar.
    import logging

    logger = logging.getLogger("trafilatura")
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())
        logger.propagate = False


# Elements whose text is never shown, and blocks that start a new line in a rendered page.
_INVISIBLE = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "head",
        "iframe",
        "object",
        "embed",
        "canvas",
        "select",
        "option",
        "button",
        "input",
    ]
)
_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
_XML_DECLARATION = re.compile(r"\A\ufeff?\s*<\?xml[^>]*>")
_SPACES = re.compile(r"[ \t\u00a0\u200b\r\f\v]+")


def page_text(html: str) -> str:
    """Every visible text block of the page on its own line, as a naive full-page scraper saves it."""
    import lxml.html  # type: ignore[import-untyped]
    from lxml import etree

    try:
        # lxml refuses a str that still carries an XML encoding declaration; the text is decoded already.
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", html, count=1))
    except (etree.ParserError, ValueError):
        return ""
    parts: list[str] = []
    _walk(root, parts)
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    text = "\n".join(line for line in lines if line)
    return text + "\n" if text else ""


def _walk(element: Any, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag.lower() in _INVISIBLE or _hidden(element) or not tag:
        # Comments and processing instructions have no text of their own, but their tail is visible.
        if element.tail:
            parts.append(element.tail)
        return
    block = tag.lower() in _BLOCKS
    if block:
        parts.append("\n")
    if element.text:
        parts.append(element.text)
    for child in element:
        _walk(child, parts)
    if block:
        parts.append("\n")
    if element.tail:
        parts.append(element.tail)


def _hidden(element: Any) -> bool:
    if element.get("hidden") is not None:
        return True
    style = (element.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _tidy(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n"))
    return "\n".join(line for line in lines if line) + "\n"
