"""From line scores to the lines to keep: threshold, bridge short gaps inside the article,
and a passthrough test that leaves already-clean text alone."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from cleaner.content.features import Shape, signature
from cleaner.text import ends_in_colon, ends_sentence, is_byline, is_headline_like, is_prose, word_count

# A menu is a run of this many short lines in a row; a clean article rarely has one outside a list.
MENU_RUN = 4
_SHORT = 4
_LIST_ITEM = regex.compile(r"^\s*(?:[-*•·▪►–—]|\d{1,3}[.):]|\(?[a-zA-Z\d]\))\s")
_DIGIT = regex.compile(r"\d")
_DATE_OR_TIME = regex.compile(r"\b\d{1,2}:\d{2}\b|\b(?:19|20)\d{2}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b")
_STAMP_WORDS = 8
# Lines of running text next to the article are taken in from this many words: a short sentence
# (about 18 characters of CJK text). From 12 words, pages in a language the model had not seen
# lost whole paragraphs of short sentences (site-grouped CV recall 0.9635 -> 0.9669 at 9).
_GROW_WORDS = 9
# Items of a list bridged between article lines have at most this many words.
_LIST_WORDS = 15
# A line that breaks a sentence after a comma (Latin, CJK or full-width).
_COMMA_END = re.compile(r"[,、，]\s*$")
# A line opening like a byline is never a headline candidate, nor one that is a byline by the
# full grammar (text.is_byline: "Posted by ...", "Oleh ...", "Текст: ..."). The opening alone also
# catches bylines that name a publication rather than a person.
_BYLINE_START = regex.compile(r"^(?:by|von|par|por|di|door|av|af)\s", regex.IGNORECASE)
_LOWER_START = regex.compile(r"^\W*\p{Ll}")
_TOPIC_WORD = regex.compile(r"\p{Han}|[^\W\d_\p{Han}]{4,}")
# The same on lower-cased ASCII text, where it reduces to runs of four letters or more (`re` is quicker).
_A_TOPIC_WORD = re.compile(r"[a-z]{4,}")
# How far above the article its headline is looked for, and how many lines are kept as headline
# for sharing the article's words (besides the nearest headline-like line).
_HEADLINE_REACH = 8
_HEADLINE_NEAR = 4
_HEADLINES = 1


# With no line scoring high, lines within this fraction of the page's best score are kept.
_RELATIVE = 0.5


@dataclass(frozen=True)
class Selection:
    threshold: float
    """A line scoring at least this is article."""
    gap_threshold: float
    """A line between article lines is kept (subheading, short list item) if it scores this."""
    max_gap: int
    """Gaps of at most this many lines are bridged."""
    region_threshold: float = 0.0
    """The main region is the run of lines that maximises the sum of (score - this) x length."""
    outside_threshold: float = 0.0
    """Outside the main region a line is kept only if it scores this (0: no region filter)."""


# Per mode (conservative has no content detection), chosen on the site-held-out cross-validation
# (bench/quality.py): default keeps recall high (losing article text is the larger fault),
# precision trades some recall for cleaner output, recall keeps nearly everything.
SELECTIONS = {
    "precision": Selection(threshold=0.5, gap_threshold=0.1, max_gap=6, region_threshold=0.5, outside_threshold=0.97),
    "default": Selection(threshold=0.4, gap_threshold=0.1, max_gap=6, region_threshold=0.4, outside_threshold=0.97),
    "recall": Selection(threshold=0.2, gap_threshold=0.05, max_gap=6),
}


def main_region(probs: Sequence[float], weights: Sequence[float], threshold: float) -> tuple[int, int]:
    """[start, stop) of the maximum-sum run of (score - threshold) x weight (Kadane)."""
    best = cur = 0.0
    start = 0
    span = (0, 0)
    for i, (p, w) in enumerate(zip(probs, weights, strict=True)):
        v = (p - threshold) * w
        if cur <= 0:
            cur, start = v, i
        else:
            cur += v
        if cur > best:
            best, span = cur, (start, i + 1)
    return span


def choose(probs: Sequence[float], sel: Selection, weights: Sequence[float] | None = None) -> list[bool]:
    """Which lines to keep: over the threshold, short gaps between them bridged, and (with a
    region filter) only the main region plus lines scoring very high elsewhere."""
    n = len(probs)
    if not n:
        return []
    # A page holds an article: where the model is unsure of every line (a language or layout it
    # has not seen), the threshold follows the best score on the page.
    threshold = min(sel.threshold, max(probs) * _RELATIVE)
    keep = [p >= threshold for p in probs]
    i = 0
    while i < n:
        if keep[i]:
            i += 1
            continue
        j = i
        while j < n and not keep[j]:
            j += 1
        inside = i > 0 and j < n
        if inside and j - i <= sel.max_gap and all(probs[k] >= sel.gap_threshold for k in range(i, j)):
            for k in range(i, j):
                keep[k] = True
        i = j
    if sel.outside_threshold > 0 and weights is not None and any(keep):
        start, stop = main_region(probs, weights, min(sel.region_threshold, threshold))
        if stop > start:
            keep = [k and (start <= i < stop or probs[i] >= sel.outside_threshold) for i, k in enumerate(keep)]
    return keep


def grow(texts: Sequence[str], keep: list[bool], barrier: Sequence[bool] | None = None) -> list[bool]:
    """Extend each kept run through the sentences of running text next to it: a paragraph at the
    article's edge that the model doubted is more likely article than not (and losing article
    text is the larger fault). It never crosses a comment-section marker (`barrier` changes)."""
    n = len(texts)
    out = list(keep)
    fence = barrier or [False] * n
    headings = _kept_headings_above(texts, keep)
    for i in range(n):
        if not keep[i]:
            continue
        for step in (-1, 1):
            j = i + step
            while 0 <= j < n and not out[j] and fence[j] == fence[i]:
                span = _sentence_at(texts, j, step)
                if not span and step > 0 and j + 1 < n and headings[j] and capitals_heading(texts[j]):
                    # A section heading styled like those the article kept above, with running text under it.
                    under = _sentence_at(texts, j + 1, step) if fence[j + 1] == fence[i] else []
                    span = [j, *under] if under else []
                if not span or any(out[k] or fence[k] != fence[i] for k in span):
                    break
                for k in span:
                    out[k] = True
                j = span[-1] + step
    return out


# A section heading in capitals ("FRANCE WINS"): news agencies break a long story into sections so.
_HEADING_WORDS = 6


def capitals_heading(text: str) -> bool:
    """A short line in capital letters that does not end like a sentence."""
    stripped = text.strip()
    return stripped.isupper() and is_headline_like(stripped, max_words=_HEADING_WORDS)


def _kept_headings_above(texts: Sequence[str], keep: Sequence[bool]) -> list[bool]:
    """For each line, whether a capitals heading the model kept lies above it."""
    out = []
    seen = False
    for text, kept in zip(texts, keep, strict=True):
        out.append(seen)
        seen = seen or (kept and capitals_heading(text))
    return out


def _sentence_at(texts: Sequence[str], start: int, step: int) -> list[int]:
    """The lines, from `start` on in the direction `step`, of one sentence of running text: a line,
    or a sentence broken over lines that end in a comma ("また、その他にも、" then the rest)."""
    span = [start]
    if step > 0:
        while _COMMA_END.search(texts[span[-1]]) and span[-1] + 1 < len(texts):
            span.append(span[-1] + 1)
        last = span[-1]
    else:
        last = start
        while span[-1] > 0 and _COMMA_END.search(texts[span[-1] - 1]):
            span.append(span[-1] - 1)
    if not ends_sentence(texts[last]):
        return []
    if sum(word_count(texts[k]) for k in span) < _GROW_WORDS:
        return []
    return span


# A comma as a list item's separator (see `alike`).
_COMMA = frozenset({","})


def alike(a: Shape, b: Shape, commas: bool = True) -> bool:
    """Two items of one list: they start alike, both have digits or neither, and they share a
    separator (or neither has one). An item may add a separator ("June 9 -- Arena, City" and
    "Aug. 8 -- Arena - Chicago, City"), so the separator sets need not be equal. Without `commas`,
    a comma does not count as a separator: items written as phrases may hold one."""
    sa, sb = (a[2], b[2]) if commas else (a[2] - _COMMA, b[2] - _COMMA)
    return a[0] == b[0] and a[1] == b[1] and (bool(sa & sb) or not (sa or sb))


def extend_lists(texts: Sequence[str], keep: list[bool], max_items: int = 200) -> list[bool]:
    """Keep the list that a kept line ending in ':' introduces: between two kept lines, the short
    lines in the gap; at the end of the article, the following lines that share the first item's
    shape, also where the model kept the first items and doubted the rest."""
    n = len(texts)
    out = list(keep)
    for i in range(n - 1):
        # The introducing line is kept, or follows a kept line (a lead-in the model doubted).
        if not ends_in_colon(texts[i]) or not (keep[i] or (i > 0 and keep[i - 1])):
            continue
        out[i] = True
        shape = signature(texts[i + 1])
        if keep[i + 1]:
            k = i + 1
            while k < n and keep[k] and alike(signature(texts[k]), shape):
                k += 1
            # An item is at least half as long as the shortest kept one: a label after the list
            # ("Download", "Share") starts like its items but is much shorter.
            shortest = min(word_count(texts[m]) for m in range(i + 1, k))
            while (
                k < n
                and not keep[k]
                and k - i <= max_items
                and alike(signature(texts[k]), shape, commas=False)
                and 2 * word_count(texts[k]) >= shortest
            ):
                out[k] = True
                k += 1
            continue
        j = i + 1
        while j < n and not keep[j] and j - i <= max_items:
            j += 1
        gap = range(i + 1, j)
        if j < n and keep[j] and all(word_count(texts[k]) <= _LIST_WORDS for k in gap):
            for k in gap:
                out[k] = True
            continue
        k = i + 1
        while k < j and alike(signature(texts[k]), shape):
            out[k] = True
            k += 1
    return out


# A kept run of this many items alike, with digits or separators, is a list whose ends may have
# been doubted.
_RUN_ITEMS = 3


def extend_runs(texts: Sequence[str], keep: list[bool]) -> list[bool]:
    """Extend each kept run of short list items that are alike and have digits or separators
    (dates, stages, results: plain capitalised labels are menu items) through the doubted lines on
    either side that are alike too (not date stamps, which are page furniture)."""
    n = len(texts)
    out = list(keep)
    shapes: dict[int, Shape] = {}

    def shape(k: int) -> Shape:
        found = shapes.get(k)
        if found is None:
            found = shapes[k] = signature(texts[k])
        return found

    def item(k: int) -> bool:
        return not ends_sentence(texts[k]) and word_count(texts[k]) <= _LIST_WORDS

    def joins(k: int, first: int) -> bool:
        return not keep[k] and item(k) and alike(shape(k), shape(first)) and not _stamp(texts[k])

    i = 0
    while i < n:
        if not (keep[i] and item(i) and (shape(i)[1] or shape(i)[2])):
            i += 1
            continue
        j = i + 1
        while j < n and keep[j] and item(j) and alike(shape(j), shape(i)):
            j += 1
        if j - i >= _RUN_ITEMS:
            k = i - 1
            while k >= 0 and joins(k, i):
                out[k] = True
                k -= 1
            k = j
            while k < n and joins(k, i):
                out[k] = True
                k += 1
        i = j
    return out


def _topic_words(text: str) -> set[str]:
    """The first four letters of each word of four letters or more of a line, lower-cased (so that
    "rise" and "rising" differ but "melt" and "melts" do not); for CJK text, its Han characters."""
    lower = text.lower()
    return {w[:4] for w in (_A_TOPIC_WORD if lower.isascii() else _TOPIC_WORD).findall(lower)}


def headlines_above(texts: Sequence[str], keep: Sequence[bool], reach: int = _HEADLINE_REACH) -> list[int]:
    """The lines to keep as the article's headline (or a headline-like standfirst): within `reach`
    lines above the first kept line, of the headline-like ones (four words or more, no sentence
    end, not a byline or date), the one sharing most words with the article (half of its words at
    least), and the nearest if it is within four lines. Between a headline and its article's first
    line there is often a standfirst, a byline, a date and a share bar; sidebar teasers about other
    stories may sit there too, and share few words with the article."""
    first = next((i for i, k in enumerate(keep) if k), None)
    if first is None:
        return []
    article: set[str] = set()
    for k in range(first, len(texts)):
        if keep[k]:
            article |= _topic_words(texts[k])
    found = []
    nearest = None
    for i in range(first - 1, max(-1, first - 1 - reach), -1):
        text = texts[i].strip()
        if not (is_headline_like(text, max_words=25) and word_count(text) >= 4):
            continue
        if _BYLINE_START.match(text) or is_byline(text):
            continue
        if len(_DIGIT.findall(text)) > 4:
            continue
        if nearest is None:
            nearest = i
        words = _topic_words(text)
        shared = len(words & article) / len(words) if words else 0.0
        if shared >= 0.5:
            found.append((shared, i))
    # The nearest such line close above the article is kept as before (a headline in other words
    # than the article's, or a standfirst that is article text), with the best-sharing ones.
    found.sort(reverse=True)  # most shared first; of equals, the nearest
    chosen = [i for _, i in found[:_HEADLINES]]
    if nearest is not None and first - nearest <= _HEADLINE_NEAR and nearest not in chosen:
        chosen.append(nearest)
    return chosen


# A table dumped one cell per line: a number cell ("5040", "1.2", "3-1", "12:30") or a label cell
# (a name or a short heading); a row is `period` cells and the rows repeat the same cell kinds.
_NUMBER_CELL = regex.compile(r"[\d.,:%+\-–/ ]*\d[\d.,:%+\-–/ ]*")
_CELL_WORDS = 4
_CELL_CHARS = 40
_TABLE_ROWS = 4
_MAX_PERIOD = 12
# Article text within this many lines of a table's title or end makes the table part of the article.
_TABLE_REACH = 3


def _cell(text: str) -> str:
    stripped = text.strip()
    if _NUMBER_CELL.fullmatch(stripped):
        return "n"
    if stripped and len(stripped) <= _CELL_CHARS and word_count(stripped) <= _CELL_WORDS:
        return "w"
    return ""


def titled_tables(texts: Sequence[str]) -> list[tuple[int, int]]:
    """[title, stop) of each data table dumped one cell per line under a title ending in ':': at
    least four rows of the same cell kinds, with both number and label cells (so a menu, all
    labels, is not one), maybe under a header row of labels. The title says a table follows; a
    standings or results table is the article itself on some pages."""
    cells = _Cells(texts)
    found: list[tuple[int, int]] = []
    stop = 0
    for title, text in enumerate(texts):
        if title < stop or not ends_in_colon(text):
            continue
        # The first row starts right under the title, or under a header row of labels.
        start = title + 1
        while start < len(texts) and start - title <= _MAX_PERIOD + 1:
            table = _table_at(cells, start, min_period=start - title - 1)
            if table is not None:
                stop = table[0]
                found.append((title, stop))
                break
            if cells[start] != "w":
                break
            start += 1
    return found


class _Cells:
    """The cell kind of each line ("n" number, "w" label, "" neither), measured when first asked."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        self.kinds: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, i: int) -> str:
        kind = self.kinds.get(i)
        if kind is None:
            kind = self.kinds[i] = _cell(self.texts[i])
        return kind


def _table_at(cells: _Cells, start: int, min_period: int = 2) -> tuple[int, int] | None:
    """(stop, period) of the longest table whose first row starts at `start`, if one does."""
    best: tuple[int, int] | None = None
    n = len(cells)
    for period in range(max(2, min_period), _MAX_PERIOD + 1):
        if start + period > n:
            break
        row = [cells[k] for k in range(start, start + period)]
        if "n" not in row or "w" not in row or "" in row:
            continue
        j = start
        while j + period < n and cells[j + period] == cells[j]:
            j += 1
        stop = j + period
        if (stop - start) // period >= _TABLE_ROWS and (best is None or stop > best[0]):
            best = (stop, period)
    return best


def keep_tables(texts: Sequence[str], probs: Sequence[float], threshold: float) -> list[float]:
    """Scores with each titled table (title, header and cells) raised to 1 where article text sits
    next to it, so that the article's region takes the table in."""
    out = list(probs)
    n = len(texts)
    for title, stop in titled_tables(texts):
        near = [*range(max(0, title - _TABLE_REACH), title), *range(stop, min(n, stop + _TABLE_REACH))]
        if any(probs[k] >= threshold for k in near):
            out[title:stop] = [1.0] * (stop - title)
    return out


# An author's bio after the article: a line of just the name, then a sentence that opens with it.
_NAME_LINE = regex.compile(r"(?:by\s+)?(\p{Lu}[\p{L}'’.-]+)(?:\s+\p{Lu}[\p{L}'’.-]+){0,3}")
_BIO_VERB = (
    r"(?:\s+\p{Lu}[\p{L}'’.-]+){0,3}\s+(?:is|was|has|joined|writes|covers|lives|loves|grew|holds|studied|"
    r"worked|began|started|became|reports|edits)\b"
)


# "About" and a full name (two to four capitalised words) in English, Portuguese and Spanish,
# German, French, Italian, Dutch and Indonesian; the name is group 1.
_ABOUT_NAME = regex.compile(
    r"(?:About|Sobre|Über|À propos de|A propos de|Acerca de|Informazioni su|Over|Tentang)\s+"
    r"(\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,3})"
)


def author_bio(texts: Sequence[str], keep: Sequence[bool]) -> list[int]:
    """The author's bio, when it is the last running text kept: the sentence and the name line above
    it ("Regan" then "Regan is a Southeastern Connecticut native..."). A profile inside an article
    has more of the article after it, so only the last kept sentence is looked at."""
    last = next((i for i in range(len(texts) - 1, -1, -1) if keep[i] and is_prose(texts[i])), None)
    if last is None or last == 0:
        return []
    bio = texts[last].strip()
    about = _ABOUT_NAME.fullmatch(texts[last - 1].strip())
    if about is not None:
        # An author box's heading: "About Jane Doe", "Sobre Carlos Nadalim"; the bio names them.
        return [last - 1, last] if about.group(1) in bio else []
    name = _NAME_LINE.fullmatch(texts[last - 1].strip())
    if name is None:
        return []
    first = name.group(1)
    if not regex.match(rf"{regex.escape(first)}{_BIO_VERB}", bio):
        return []
    return [last - 1, last]


def decide(
    probs: Sequence[float],
    texts: Sequence[str],
    weights: Sequence[float],
    sel: Selection,
    barrier: Sequence[bool] | None = None,
) -> list[bool]:
    """The lines to keep: chosen by score, lists that article lines introduce, running text next
    to the article, and the headline."""
    keep = choose(keep_tables(texts, probs, sel.threshold), sel, weights)
    # Date stamps and datelines ("Published 14 March 2024, 10:32") are page furniture even where
    # they sit inside the article's region.
    keep = [k and not _stamp(t) for k, t in zip(keep, texts, strict=True)]
    keep = extend_lists(texts, keep)
    keep = extend_runs(texts, keep)
    keep = grow(texts, keep, barrier)
    for headline in headlines_above(texts, keep):
        keep[headline] = True
    for bio in author_bio(texts, keep):
        keep[bio] = False
    return keep


# A selection that keeps less than this share of a page's text (by characters) is not trusted: on
# a page that is a list (a directory, a table of contents, a forum, a listing) the model finds no
# article, keeps a scrap of prose (a footer, a blurb) and would drop the list. News pages keep a
# fifth of their text or more; below this share keeping the page costs less than gutting it
# (site-held-out CV, docs/quality.md).
GUTTED_SHARE = 0.15


def gutted(keep: Sequence[bool], weights: Sequence[float]) -> bool:
    """Whether a selection keeps too little of the page to be believed."""
    total = sum(weights)
    return total > 0 and sum(w for w, k in zip(weights, keep, strict=True) if k) < GUTTED_SHARE * total


def _stamp(text: str) -> bool:
    return word_count(text) <= _STAMP_WORDS and not ends_sentence(text) and bool(_DATE_OR_TIME.search(text))


def _short(text: str) -> bool:
    # The look at the line's end first: it rules out most article lines without counting words.
    return not ends_sentence(text) and word_count(text) <= _SHORT


def _label(text: str) -> bool:
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
        if not _label(text):
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
