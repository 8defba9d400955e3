"""A page's full visible text, one block per line, as a naive full-page scraper saves it.

The HTML path's fallback when trafilatura finds no main content, and its evidence for list pages
(cleaner.html.clean_page). lxml is imported only when a page is met.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
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


# Past this many characters the lines are made as the text comes (_Lines), so a large page is never
# held as all its text pieces and their join at once; below it, as on every page main-content
# extraction reads (cleaner.html.MAX_EXTRACTION_CHARS), the text is taken in one go, faster.
STREAM_CHARS = 5_000_000


def parse(html: str) -> Any:
    """The page's tree as page_text reads it (lxml's HTML parser), or None if lxml reads nothing."""
    # lxml refuses a str that still carries an XML encoding declaration; the text is decoded already.
    return _parse(_XML_DECLARATION.sub("", html, count=1))


def page_text(html: str, tree: Any = None) -> str:
    """Every visible text block of the page on its own line, as a naive full-page scraper saves it.
    `tree`: the page parsed already (`parse(html)`); it is changed here, so nothing else may read it."""
    root = parse(html) if tree is None else tree
    if root is None:
        return ""
    if len(html) <= STREAM_CHARS:
        if _marked(root):
            return _join(line for line in "".join(root.itertext()).split("\n") if line.strip())
        root = parse(html)  # _marked gave up half way: a fresh tree for the walk
    lines = _Lines()
    _walk(root, lines)
    lines.flush()
    del root  # the tree goes before the lines are joined: a large page never holds both
    return "\n".join([*lines.lines, ""]) if lines.lines else ""


def _parse(html: str) -> Any:
    from lxml import etree  # type: ignore[import-untyped]

    try:
        return etree.fromstring(html, _parser())
    except (etree.ParserError, ValueError):
        return None


@cache
def _parser() -> Any:
    """lxml's HTML parser; the plain one, not lxml.html's, whose element classes cost a Python call
    per element."""
    from lxml import etree

    return etree.HTMLParser()


def _join(lines: Iterable[str]) -> str:
    found = [line for line in (_SPACES.sub(" ", line).strip() for line in lines) if line]
    return "\n".join([*found, ""]) if found else ""


def _marked(root: Any) -> bool:
    """The tree made ready to be read as text in one pass, as _walk reads it: what is never shown
    goes, its tail stays (that is shown), and a block's text and its tail open with a line break.
    False if lxml refuses to set a text (one holding a control character the parser let through)."""
    if not _strip_invisible(root):
        return True
    try:
        for element in root.iter(*BLOCKS):
            element.text = "\n" + element.text if element.text else "\n"
            element.tail = "\n" + element.tail if element.tail else "\n"
    except ValueError:
        return False
    return True


def _strip_invisible(root: Any) -> bool:
    """What is never shown taken out of the tree, its tail left (that is shown); False if the root
    itself is never shown (it is emptied then: its tail, None for a document's root, is all _walk
    keeps)."""
    from lxml import etree

    if _invisible(root):
        root.clear()
        return False
    # Hidden by an attribute: few elements have a style, so the test is made on those only (found as
    # their attributes' parents: libxml2 collects attributes faster than it tests every element).
    for element in _styled()(root):
        if _invisible(element):
            element.tag = "script"  # removed with the invisible elements, just below
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, etree.Entity, *_INVISIBLE, with_tail=False)
    return True


def word_bound(root: Any) -> int:
    """At least as many words as page_text reads from this tree (a parse(html), not None), for a
    fraction of its cost: the words of each visible text node counted apart. page_text breaks
    lines only between text nodes (where a block starts or ends) and changes nothing but spaces,
    and a break added between two nodes can only split a word, never join two. What is never
    shown is taken out of the tree, as page_text does: the tree may still go to page_text after."""
    if not _strip_invisible(root):
        return 0
    return count_words("\n".join(_text_nodes()(root)))


@cache
def _styled() -> Any:
    from lxml import etree

    return etree.XPath("//@hidden/.. | //@style/..")


@cache
def _text_nodes() -> Any:
    from lxml import etree

    return etree.XPath("//text()", smart_strings=False)


# Words are runs of `\w` (re's, Unicode): counted as the starts of runs of b"a" in the text's
# bytes with every word character's bytes made b"a" and every other byte b" " (C speed, where
# re.findall makes a string of each word). Bytes past ASCII are a word character's, once every
# other non-ASCII character is made a space.
_WORD_BYTES = bytes(b"a"[0] if c >= 0x80 or re.fullmatch(r"\w", chr(c)) else b" "[0] for c in range(256))
_ASCII_BYTES = bytes(range(0x80))


def count_words(text: str) -> int:
    """How many words (runs of `\\w`, as `len(re.findall(r"\\w+", text))`) `text` holds."""
    if text.isascii():
        data = text.encode("ascii")
    else:
        data = text.encode("utf-8", "surrogatepass")
        # The few distinct non-ASCII characters that are not word characters (`\w` is str.isalnum
        # and "_"), found among the text's non-ASCII bytes alone, are made spaces in one pass over
        # the bytes; re's class test of every character took most of the time.
        wide = data.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
        odd = frozenset(c for c in set(wide) if not c.isalnum())
        if odd:
            data = _any_of(odd).sub(b" ", data)
    marked = data.translate(_WORD_BYTES)
    return marked.count(b" a") + marked.startswith(b"a")


@lru_cache(maxsize=256)
def _any_of(chars: frozenset[str]) -> re.Pattern[bytes]:
    # UTF-8 is prefix-free: a character's bytes match only where that character is.
    return re.compile(b"|".join(re.escape(c.encode("utf-8", "surrogatepass")) for c in sorted(chars)))


def _invisible(element: Any) -> bool:
    return element.tag.lower() in _INVISIBLE or _hidden(element)


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
