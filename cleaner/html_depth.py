"""Pages nested deeper than HTML parsers go: flattened before extraction, so their text is not lost.

libxml2 (under lxml and trafilatura) stops reading a document at 255 levels of nesting and drops
the rest: a paragraph inside 100,000 `<div>`s came out as an empty page. (lxml's `huge_tree`
only moves that wall to 2,048.) A page whose tags may nest that deep is parsed once to see whether
it really does; only then are the tags past MAX_DEPTH levels dropped, their text kept, and block
tags among them turned into `<br>` so the paragraphs stay on lines of their own. Every other page
goes on as it came.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from cleaner.html_page import BLOCKS

# Kept levels of nesting: well under libxml2's 255, and shallow enough for recursive tree walks.
MAX_DEPTH = 200
# libxml2's HTML parser gives up here (lxml builds at most this many levels).
PARSER_DEPTH = 255

_TAG = re.compile(r"<!--.*?-->|<(/?)([A-Za-z][A-Za-z0-9:-]*)(?:\s[^>]*)?>", re.DOTALL)
_VOID = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]
)
_RAW = frozenset(["script", "style", "textarea", "title", "xmp", "plaintext", "noscript"])
# Tags that start a line of text: dropped ones leave a <br> so that line break survives. The blocks
# the page text breaks lines at (html_page.BLOCKS), less seven it never listed here (outputs kept).
_BREAKS = BLOCKS - frozenset(["br", "caption", "dialog", "hgroup", "legend", "menu", "summary"])
# How far up the open tags an end tag looks for its start (a real parser's implied ends, roughly).
_CLOSE_REACH = 8


# An absolute path to any element this many levels down (the document's root is level 1).
_DEEP_PATH = "/" + "/".join(["*"] * MAX_DEPTH)


def may_be_deep(tree: Any) -> bool:
    """Whether a page's parsed tree (html_page.parse) nests MAX_DEPTH levels or more: only such a
    page needs shallow()'s look at its tags (the tree is walked in C, the tags in Python), or None
    (lxml read nothing)."""
    from lxml import etree  # type: ignore[import-untyped]

    return tree is None or bool(etree.XPath(_DEEP_PATH)(tree))


def shallow(html: str) -> tuple[str, bool]:
    """`html` with its nesting cut to MAX_DEPTH levels if a parser would stop short in it, and
    whether it was cut."""
    if _estimated_depth(html) < PARSER_DEPTH or _parsed_depth(html) < PARSER_DEPTH - 1:
        return html, False
    return _flatten(html), True


def _tags(html: str) -> Iterator[tuple[int, int, bool, str]]:
    """(start, end, closing, lower-case name) of each tag, skipping comments and the raw text of
    scripts, styles and the like."""
    at = 0
    while match := _TAG.search(html, at):
        at = match.end()
        if match.group(2) is None:
            continue  # a comment
        name = match.group(2).lower()
        closing = bool(match.group(1))
        yield match.start(), match.end(), closing, name
        if not closing and name in _RAW:
            end = re.compile(f"</{name}", re.IGNORECASE).search(html, at) if name != "plaintext" else None
            at = len(html) if end is None else end.start()


def _estimated_depth(html: str) -> int:
    """An upper-ish bound of the page's nesting from its tags alone: cheap, for every page."""
    depth = deepest = 0
    for _, _, closing, name in _tags(html):
        if name in _VOID:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


def _parsed_depth(html: str) -> int:
    """How many levels lxml builds (PARSER_DEPTH - 1 at most: there it stopped reading)."""
    import lxml.html  # type: ignore[import-untyped]
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(html.encode("utf-8", errors="replace"))
    except (etree.ParserError, ValueError):
        return 0
    depth = deepest = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def _flatten(html: str) -> str:
    parts: list[str] = []
    open_tags: list[tuple[str, bool]] = []  # (name, dropped)
    # A run of dropped block tags with only whitespace between them is one line break, not thousands.
    pending_break = False
    at = 0
    for start, end, closing, name in _tags(html):
        between = html[at:start]
        if between.strip() and pending_break:
            parts.append("<br>")
            pending_break = False
        parts.append(between)
        at = end
        kept = _kept(name, closing, open_tags)
        if kept:
            if pending_break:
                parts.append("<br>")
                pending_break = False
            parts.append(html[start:end])
        else:
            pending_break = pending_break or name in _BREAKS
    if pending_break:
        parts.append("<br>")
    parts.append(html[at:])
    return "".join(parts)


def _kept(name: str, closing: bool, open_tags: list[tuple[str, bool]]) -> bool:
    """Whether this tag stays; keeps `open_tags` (name, dropped) up to date."""
    if name in _VOID:
        return True
    if not closing:
        dropped = len(open_tags) >= MAX_DEPTH
        open_tags.append((name, dropped))
        return not dropped
    last = len(open_tags) - 1
    match = next((i for i in range(last, max(-1, last - _CLOSE_REACH), -1) if open_tags[i][0] == name), None)
    if match is None:
        return True  # an end tag with no start: the parser ignores it too
    dropped = open_tags[match][1]
    del open_tags[match:]
    return not dropped
