"""From line scores to the lines to keep: threshold, bridge short gaps inside the article, then the
steps of each family: `lists`, `tables`, `edges` (running text, headline, author bio); and
`passthrough` (already-clean text) says when content detection stays off."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from cleaner.content.edges import author_bio, grow, headlines_above
from cleaner.content.features import page_features
from cleaner.content.lists import extend_lists, extend_records, extend_runs, stamp
from cleaner.content.model import LineModel, current, score
from cleaner.content.passthrough import looks_clean
from cleaner.content.tables import keep_tables

# With no line scoring high, lines within this fraction of the page's best score are kept.
_RELATIVE = 0.5


@dataclass(frozen=True)
class Selection:
    threshold: float
    """A line scoring at least this is article."""
    gap_threshold: float
    """A line between article lines is kept (subheading, short list item) if it scores this."""
    max_gap: int | None
    """Gaps of at most this many lines are bridged (None: of any length)."""
    region_threshold: float = 0.0
    """The main region is the run of lines that maximises the sum of (score - this) x length."""
    outside_threshold: float = 0.0
    """Outside the main region a line is kept only if it scores this (0: no region filter)."""


# Per mode (conservative has no content detection), chosen on the site-held-out cross-validation
# (bench/quality.py): default keeps recall high (losing article text is the larger fault),
# precision trades some recall for cleaner output, recall keeps nearly everything. Default bridges
# every gap inside the article (a table or list between paragraphs): CleanEval recall 0.931 -> 0.940,
# news F1 unchanged; `article` keeps that stable over passes.
SELECTIONS = {
    "precision": Selection(threshold=0.5, gap_threshold=0.1, max_gap=6, region_threshold=0.5, outside_threshold=0.97),
    "default": Selection(threshold=0.4, gap_threshold=0.0, max_gap=None, region_threshold=0.4, outside_threshold=0.97),
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
    """Which lines to keep: over the threshold, gaps between them bridged (up to `max_gap` lines
    scoring `gap_threshold`), and (with a region filter) only the main region plus lines scoring
    very high elsewhere."""
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
        short = sel.max_gap is None or j - i <= sel.max_gap
        if inside and short and all(probs[k] >= sel.gap_threshold for k in range(i, j)):
            for k in range(i, j):
                keep[k] = True
        i = j
    if sel.outside_threshold > 0 and weights is not None and any(keep):
        start, stop = main_region(probs, weights, min(sel.region_threshold, threshold))
        if stop > start:
            keep = [k and (start <= i < stop or probs[i] >= sel.outside_threshold) for i, k in enumerate(keep)]
    return keep


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
    keep = [k and not stamp(t) for k, t in zip(keep, texts, strict=True)]
    keep = extend_lists(texts, keep)
    keep = extend_runs(texts, keep)
    keep = extend_records(texts, keep)
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


def select(texts: Sequence[str], barrier: Sequence[bool], sel: Selection) -> list[bool] | None:
    """One selection of the article's lines by the current model, or None where the page is left
    alone: it already looks clean, or the selection keeps too little of it to be believed."""
    if looks_clean(texts):
        return None
    keep = decision(texts, barrier, sel)
    return None if gutted(keep, [float(len(t)) for t in texts]) else keep


def decision(texts: Sequence[str], barrier: Sequence[bool], sel: Selection) -> list[bool]:
    """The lines the current model's selection keeps, whether or not `select` believes it."""
    return list(_decision(tuple(texts), tuple(barrier), sel, current()))


# The decisions on the last few texts: the next pass of cleaning runs content detection on the text
# that the check of its selection (`article`) has just read, and the HTML path's guess (content.guess)
# reads the decision that `article` then checks.
@lru_cache(maxsize=4)
def _decision(texts: tuple[str, ...], barrier: tuple[bool, ...], sel: Selection, model: LineModel) -> tuple[bool, ...]:
    weights = [float(len(t)) for t in texts]
    probs = score(model, page_features(texts, barrier).rows, weights)
    return tuple(decide(probs, texts, weights, sel, barrier))


# Cleaning repeats passes until one changes nothing, so content detection also runs on the text it
# selected. Page-relative measures (the best score on the page, the words its long lines share, the
# main region) move once the furniture is gone, and on a page of short lines (a table, a list) the
# selection made from the selection may cut it again at a new place, pass after pass. A selection is
# taken only as the fixed point it leads to, and only where that keeps at least this share of it
# (by characters); a selection that falls apart so is weak evidence of an article.
SETTLED_SHARE = 0.5
# Selections made from the selection at most (each keeps fewer lines than the one before).
_ROUNDS = 8


def article(texts: Sequence[str], barrier: Sequence[bool], sel: Selection) -> list[bool] | None:
    """The article's lines, as a selection that the same selection keeps whole; None where content
    detection believes no selection (the page is left to the phrase rules)."""
    first = select(texts, barrier, sel)
    if first is None:
        return None
    kept = [i for i, k in enumerate(first) if k]
    for _ in range(_ROUNDS):
        again = select([texts[i] for i in kept], [barrier[i] for i in kept], sel)
        if again is None or all(again):
            break  # a fixed point: the selection run on these lines removes nothing
        kept = [i for i, k in zip(kept, again, strict=True) if k]
    else:
        return None
    if sum(len(texts[i]) for i in kept) < SETTLED_SHARE * sum(len(t) for t, k in zip(texts, first, strict=True) if k):
        return None
    out = [False] * len(texts)
    for i in kept:
        out[i] = True
    return out
