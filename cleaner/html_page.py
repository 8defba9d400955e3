"""A page's full visible text, one block per line, as a naive full-page scraper saves it.

The HTML path's fallback when trafilatura finds no main content, and its evidence for list pages
(cleaner.html.clean_page). lxml is imported only when a page is met.
"""

from __future__ import annotations

import re
from typing import Any

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
BLOCKS = frozenset(
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
    lines = _Lines()
    _walk(root, lines)
    lines.flush()
    del root  # the tree goes before the lines are joined: a large page never holds both
    return "\n".join([*lines.lines, ""]) if lines.lines else ""


class _Lines:
    """The page's lines, made as its text comes: each line is spaced and stripped as soon as it
    ends, so a large page is never held as all its text pieces and their join at once (a 5 MB
    page's lines took 15 times its size so)."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._current: list[str] = []

    def append(self, part: str) -> None:
        first, *rest = part.split("\n") if "\n" in part else (part,)
        self._current.append(first)
        for line in rest:
            self.flush()
            self._current.append(line)

    def flush(self) -> None:
        line = _SPACES.sub(" ", "".join(self._current)).strip()
        if line:
            self.lines.append(line)
        self._current.clear()


def _walk(element: Any, parts: _Lines) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag.lower() in _INVISIBLE or _hidden(element) or not tag:
        # Comments and processing instructions have no text of their own, but their tail is visible.
        if element.tail:
            parts.append(element.tail)
        return
    block = tag.lower() in BLOCKS
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
