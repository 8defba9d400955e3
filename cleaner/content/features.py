"""Per-line features of a page, computed in one pass over its lines.

Each distinct line's own measures (cleaner.content.measures), then what depends on the page:
stopword density relative to the page's own prose (so a language whose stop list is short is not
penalised), the page's topic, repetition, position, runs of short lines and of list items alike.
The same code computes the features for training (bench/train_content.py) and at run time.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, chain

from cleaner.content.measures import OWN, Shape, alpha_words, own_features, shape
from cleaner.content.stoplists import guess_from_counts, stoplist
from cleaner.text import page_memo

# Source lines of the topic: at least log1p(10) words.
_TOPIC_LONG = math.log1p(10)

# Only what the line model reads (cleaner.content.model): the line's own features, and whether
# the line before it ends in a colon.
NAMES = (*OWN, "after_colon")


@dataclass(frozen=True)
class Page:
    """The features of each line of a page, in `NAMES` order, and the language guessed."""

    rows: list[list[float]]
    language: str | None


def _pattern_runs(shapes: Sequence[Shape]) -> list[float]:
    """For each line (given its `signature`), log1p of the run of neighbouring lines with its shape,
    where the shape has digits or separators (a table, a list of dates or results; plain labels
    are menu items)."""
    out = [0.0] * len(shapes)
    i = 0
    while i < len(shapes):
        j = i + 1
        while j < len(shapes) and shapes[j] == shapes[i]:
            j += 1
        if j - i >= 2 and (shapes[i][1] or shapes[i][2]):
            out[i:j] = [math.log1p(j - i)] * (j - i)
        i = j
    return out


def window_means(values: Sequence[float], half: int) -> list[float]:
    """Mean of values[i-half : i+half+1] for every i, by prefix sums: the windows cut by the
    page's ends first and last, the full ones in between in one pass (no min/max per line).
    Each mean is the same float division of the same prefix difference as the plain loop."""
    n = len(values)
    prefix = list(accumulate(values, initial=0.0))
    width = 2 * half + 1
    if n < width:
        out = []
        for i in range(n):
            lo, hi = max(0, i - half), min(n, i + half + 1)
            out.append((prefix[hi] - prefix[lo]) / (hi - lo))
        return out
    head = [(prefix[i + half + 1] - prefix[0]) / (i + half + 1) for i in range(half)]
    middle = [(a - b) / width for a, b in zip(prefix[width:], prefix[: n - width + 1], strict=True)]
    tail = [(prefix[n] - prefix[i - half]) / (n - i + half) for i in range(n - half, n)]
    return head + middle + tail


# What depends on a line's text alone (and the page's language), for the page being cleaned.
_alpha_memo: dict[str, list[str]] = page_memo()
_own_memo: dict[str | None, dict[str, tuple[list[float], frozenset[str]]]] = page_memo()


def page_features(texts: Sequence[str], barrier: Sequence[bool] | None = None) -> Page:
    """Features of each line in `texts` (the page's non-blank lines, in order).

    `barrier[i]` says a comment-section marker was seen before line i.
    """
    n = len(texts)
    if not n:
        return Page([], None)
    # The page's words, line by line: the language guess counts them (the same words, in the same
    # order, as its own pass over the joined lines would find) and the line features reuse them.
    # Menus, share bars and footers repeat lines (a quarter of the dev pages' lines are repeats):
    # what depends on a line's text alone is computed once per distinct text of the page.
    # A page's second pass sees most of its first pass's lines again: both memos last the page.
    distinct = list(dict.fromkeys(texts))
    alpha = {}
    for t in distinct:
        found = _alpha_memo.get(t)
        alpha[t] = _alpha_memo.setdefault(t, alpha_words(t)) if found is None else found
    words = [alpha[t] for t in texts]
    language = guess_from_counts(Counter(chain.from_iterable(words)))
    stops = stoplist(language) if language else frozenset()
    idx = {name: k for k, name in enumerate(OWN)}
    memo = _own_memo.setdefault(language, {})
    own = {}
    for t in distinct:
        known = memo.get(t)
        if known is None:
            known = memo[t] = own_features(t, alpha[t], stops)
        own[t] = (known[0].copy(), known[1])  # a copy: the page-level columns are filled in below
    c_log_words, c_stop, c_short = idx["log_words"], idx["stop"], idx["short"]

    # Typical stopword density of the page's prose: the length-weighted mean over longer lines.
    num = den = 0.0
    for t in texts:
        r = own[t][0]
        if r[c_log_words] >= math.log1p(8):
            num += r[c_stop] * len(t)
            den += len(t)
    typical = num / den if den else 0.0
    # Topic: how many of a line's content words the page's longer lines also use. The article's
    # lines share their subject; menus and teasers for other stories do not.
    df: Counter[str] = Counter()
    for t in texts:
        r, bag = own[t]
        if r[c_log_words] >= _TOPIC_LONG:
            df.update(bag)
    # A word counts for a line's topic if a longer line other than the line itself uses it: for a
    # short line any word in df, for a longer one (which put its own bag in df) a word in df twice.
    in_df = set(df)
    in_df_twice = {w for w, c in df.items() if c > 1}
    # The page-level columns that still depend only on the line's text, once per distinct text.
    c_stop_rel, c_topic = idx["stop_rel"], idx["topic"]
    for r, bag in own.values():
        r[c_stop_rel] = min(r[c_stop] / typical, 3.0) if typical > 0 else 0.0
        if bag:
            r[c_topic] = len(bag.intersection(in_df_twice if r[c_log_words] >= _TOPIC_LONG else in_df)) / len(bag)
    rows = [own[t][0].copy() for t in texts]  # copies: the columns below depend on the line's place

    stripped = [t.strip() for t in texts]
    counts = Counter(stripped)
    short_col = [r[c_short] for r in rows]
    run_len = [0.0] * n
    i = 0
    while i < n:
        j = i
        while j < n and short_col[j]:
            j += 1
        for k in range(i, j):
            run_len[k] = math.log1p(j - i)
        i = max(j, i + 1)
    c_digits = idx["digits"]
    shapes = {t: shape(t, own[t][0][c_digits] > 0) for t in distinct}
    patterns = _pattern_runs([shapes[t] for t in texts])
    c_pattern, c_repeated = idx["pattern_run"], idx["repeated"]
    c_short_run, c_pos, c_barrier = idx["short_run"], idx["pos"], idx["barrier"]
    for k, r in enumerate(rows):
        r[c_pattern] = patterns[k]
        r[c_repeated] = 1.0 if counts[stripped[k]] > 1 else 0.0
        r[c_short_run] = run_len[k]
        r[c_pos] = k / n
        r[c_barrier] = 1.0 if barrier and barrier[k] else 0.0

    colon_col = idx["colon_end"]
    previous_colon = 0.0
    for r in rows:
        r.append(previous_colon)
        previous_colon = r[colon_col]
    return Page(rows, language)
