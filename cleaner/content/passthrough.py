"""Already-clean text: no menu-like run of short lines, or no sign of page furniture, so content
detection leaves it alone."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from cleaner.text import ends_in_colon, ends_sentence, word_count

# A menu is a run of this many short lines in a row; a clean article rarely has one outside a list.
MENU_RUN = 4
_SHORT = 4
_LIST_ITEM = regex.compile(r"^\s*(?:[-*•·▪►–—]|\d{1,3}[.):]|\(?[a-zA-Z\d]\))\s")
_DIGIT = regex.compile(r"\d")
_LOWER_START = regex.compile(r"^\W*\p{Ll}")


def _short(text: str) -> bool:
    # The look at the line's end first: it rules out most article lines without counting words.
    return not ends_sentence(text) and word_count(text) <= _SHORT


def menu_label(text: str) -> bool:
    """A menu item: short, no sentence end, no digits, and not starting in lower case (list items
    such as ingredients do; menu items are capitalised or in a script without case)."""
    stripped = text.strip()
    return (
        _short(stripped)
        and not _DIGIT.search(stripped)
        and not _LOWER_START.match(stripped)
        and not _LIST_ITEM.match(stripped)
    )


def menu_run(texts: Sequence[str], enough: int | None = None) -> int:
    """The longest run of menu-item-like lines that is not a list: a list follows a line ending
    in ':' or has items marked alike (bullets, numbers). With `enough`, the first run that long
    ends the search (most full pages open with their menu)."""
    best = run = 0
    in_list = False
    for k, text in enumerate(texts):
        if not menu_label(text):
            run = 0
            in_list = ends_in_colon(text)
            continue
        if k > 0 and ends_in_colon(texts[k - 1]):
            in_list = True
        if in_list or _LIST_ITEM.match(text):
            run = 0
            continue
        run += 1
        best = max(best, run)
        if best == enough:
            break
    return best


def looks_clean(texts: Sequence[str]) -> bool:
    """Already-clean text (an article with no page furniture) has no menu-like run of short lines."""
    return menu_run(texts, MENU_RUN) < MENU_RUN


# Content detection cuts a page only where the page shows page furniture: at least this many
# different lines that the rules before it took as known debris (share bars, cookie notices, "Skip
# to content", copyright lines, comment threads...), or a menu of at least LONG_MENU items in a row.
# A text with neither is already clean, however its lines are shaped: a list, a table of contents or
# a form of short lines is left whole (the gold texts of both dev sets; tests/test_gold_passthrough.py).
# Every news capture of the dev set shows one or the other (the least: no known debris, a menu of 27
# items); of the CleanEval captures that content detection reads, 51 show neither. Once a pass has
# removed the furniture, the next pass sees none and leaves the article as that pass selected it.
FURNITURE_LINES = 2
LONG_MENU = 12


def shows_furniture(removed: int, texts: Sequence[str]) -> bool:
    """Whether a page (`texts`, once the rules before content detection removed `removed` different
    lines from it) shows page furniture that content detection may cut around."""
    return removed >= FURNITURE_LINES or menu_run(texts, LONG_MENU) >= LONG_MENU
