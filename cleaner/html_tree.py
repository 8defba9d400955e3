"""One parse of a page for trafilatura and the list-page bound (cleaner.html.html_to_text).

trafilatura parses a page given as a string itself (trafilatura.utils.load_html); given a tree, it
reads a copy, which costs about half a parse. So the page is parsed here as load_html would parse
it, trafilatura gets that tree, and the depth check and the list-page bound read it too where it
holds the text our own parse (cleaner.html_page.parse) would. trafilatura and lxml are imported
only when a page is met.
"""

from __future__ import annotations

import re
from typing import Any

from cleaner.html_page import parse

# lxml.html.fromstring's test of a whole document (anything else it may cut down to a fragment).
_WHOLE_DOCUMENT = re.compile(r"^\s*<(?:html|!doctype)", re.IGNORECASE)


def trees(html: str) -> tuple[Any, Any]:
    """(trafilatura's tree of the page or None, the tree the list-page bound reads or None).

    The second is the first where the two parses read the same text: trafilatura's parser drops
    comments and processing instructions as it reads (the bound drops them too, and joins the
    text around them the same way), and its repairs changed nothing but a doctype opening the
    page. Else it is the page text's own parse (html_page.parse)."""
    loaded, repaired = _trafilatura_tree(html)
    if loaded is not None and repaired in (html, _without_doctype(html)):
        return loaded, loaded
    return loaded, parse(html)


def _trafilatura_tree(html: str) -> tuple[Any, str]:
    """The tree trafilatura.utils.load_html makes of a page given as a str, by its own steps, parser
    and checks, and the repaired markup it parsed; (None, "") wherever load_html would take another
    path (trafilatura then gets the string and takes that path itself), and for a page that is not
    a whole document, of which lxml.html.fromstring may return a part: trafilatura would read a
    copy of that part alone, not of the part within its document. bare_extraction reads a copy of
    a tree it is given (0.18 s on the 458 dev pages against 0.34 s for a parse of ours)."""
    from lxml.html import fromstring  # type: ignore[import-untyped]
    from trafilatura import utils

    if not _WHOLE_DOCUMENT.match(html):
        return None, ""
    beginning = html[:50].lower()
    repaired = utils.repair_faulty_html(html, beginning)
    if not _WHOLE_DOCUMENT.match(repaired):
        return None, ""
    try:
        tree = fromstring(repaired, parser=utils.HTML_PARSER)
    except Exception:  # load_html tries the bytes then: left to it
        return None, ""
    if tree is None or tree.getparent() is not None or len(tree) < 1:
        return None, ""
    if utils.is_dubious_html(beginning) and len(tree) < 2:
        return None, ""
    return tree, repaired


def _without_doctype(html: str) -> str | None:
    """`html` as trafilatura's repair leaves it when all it takes is a doctype (`<!DOCTYPE ...>`, no
    text in either parse) opening the first line; None if it would take something else there."""
    from trafilatura import utils

    first, _, rest = html.partition("\n")
    doctype = utils.DOCTYPE_TAG.match(first)
    if doctype is None or not doctype.group().lower().startswith("<!doctype"):
        return None
    return first[doctype.end() :] + "\n" + rest
