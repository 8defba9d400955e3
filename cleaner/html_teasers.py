"""Teaser boxes in trafilatura's tree: lists of other stories' headlines after the article (cleaner.html)."""

from __future__ import annotations

from typing import Any

# A list whose every item is only headings (a headline, and a standfirst set as a smaller heading:
# `<li><h3>...</h3><h4>...</h4></li>`) after the body's last paragraph is a box of teasers for other
# stories that trafilatura took for the article's end. An article's own list items hold running text,
# and a listing that *is* the page has text beside its headings in each item ("based on 5 reviews",
# CleanEval 757) or paragraphs after it; either keeps the list.
MIN_TEASER_ITEMS = 2


def drop_teaser_lists(body: Any) -> None:
    """Remove from trafilatura's tree the lists of heading-only items that follow its last paragraph."""
    for teasers in teaser_lists(body):
        teasers.getparent().remove(teasers)


def teaser_lists(body: Any) -> list[Any]:
    """The lists of heading-only items that follow the body's last paragraph."""
    last_paragraph = None
    for element in body.iter("p"):
        if "".join(element.itertext()).strip():
            last_paragraph = element
    if last_paragraph is None:
        return []
    after = False
    found = []
    for element in body.iter():
        if element is last_paragraph:
            after = True
        elif after and element.tag == "list":
            items = [child for child in element if child.tag == "item"]
            if (
                len(items) >= MIN_TEASER_ITEMS
                and len(items) == len(element)
                and not (element.tail or "").strip()  # removing an element takes its tail text with it
                and all(map(_headings_only, items))
            ):
                found.append(element)
    return found


def _headings_only(item: Any) -> bool:
    children = list(item)
    return (
        bool(children)
        and not (item.text or "").strip()
        and all(child.tag == "head" and not (child.tail or "").strip() for child in children)
    )
