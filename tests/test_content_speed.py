"""The ASCII fast path of the content features gives exactly what the patterns give."""

from __future__ import annotations

import reference_features
import regex
from material import FIXTURES, dev_files

from cleaner.content import features, measures

EDGE_CASES = [
    "Read more",
    "read MORE  ",
    "xmore",
    "a less",
    "_less",
    "1more",
    "...",
    "Wait...\t",
    "End.\x1c",
    "End.\x1f",
    "End)\x0b",
    " ) ",
    "(3)",
    "a|b/c\\d@e#f+g=h_i<j>k~l^m*n[o]p{q}",
    "x,y;z",
    "Hi! There? Yes.",
    "a.\n",
    "a.\nb",
    "  ",
    "A.B. C.D.",
    'He said "no"',
]


def _lines() -> list[str]:
    paths = [*FIXTURES.rglob("*.txt"), *dev_files("raw"), *dev_files("gold")]
    found = {ln for p in paths for ln in p.read_text(encoding="utf-8").split("\n")}
    return sorted(found | set(EDGE_CASES))


def test_ascii_measures_agree_with_the_patterns() -> None:
    checked = 0
    for line in _lines():
        if line and line.isascii():
            assert measures._ascii_measures(line) == reference_features.pattern_measures(line), repr(line)
            checked += 1
    assert checked > len(EDGE_CASES)


NON_ASCII_EDGE_CASES = [
    "Lesen Sie mehr…",
    "Read more\u00a0",
    "Read more\u3000\u2028",
    "émore",
    "ßless",
    "Straße: 3 Zimmer, 2 Bäder; ÄÖÜ",
    "«Citation» © 2024 — №5",
    "東京、大阪；名古屋。",
    "٣ أرقام ١٢",
    "End.\u0085",
    "fin…\x1c",
    "",
]


def test_measures_agree_with_the_patterns() -> None:
    checked = 0
    for line in _lines() + NON_ASCII_EDGE_CASES:
        if not line.isascii():
            checked += 1
        assert measures._measures(line) == reference_features.pattern_measures(line), repr(line)
    assert checked > len(NON_ASCII_EDGE_CASES)


def test_ascii_patterns_agree_with_the_regex_ones() -> None:
    pairs = [
        (reference_features.A_TOKEN, measures._TOKEN, False),
        (measures._A_ALPHA_WORD, measures._ALPHA_WORD, True),
        (measures._A_COUNTER, measures._COUNTER, False),
    ]
    lines = [ln for ln in _lines() if ln.isascii()] + [
        "\x1c12",
        "12\x1f",
        " (3) ",
        "aBc dEf",
        "x_y 9z",
        "A",
        "_A 1B aC (D) E-F",
        "AB",
    ]
    for line in lines:
        for fast, slow, lower in pairs:
            text = line.lower() if lower else line
            assert fast.findall(text) == slow.findall(text), (fast.pattern, line)


def test_window_means_agree_with_the_plain_loop() -> None:
    def plain(values: list[float], half: int) -> list[float]:
        n = len(values)
        return [
            sum(values[max(0, i - half) : min(n, i + half + 1)]) / (min(n, i + half + 1) - max(0, i - half))
            for i in range(n)
        ]

    for n in range(0, 20):
        values = [float((7 * i) % 5) for i in range(n)]  # small integers: sums are exact either way
        for half in (1, 2, 6, 8):
            assert features.window_means(values, half) == plain(values, half)


def _tally_guess(text: str) -> str | None:
    """The language guess as a word-by-word tally (the plain form of stoplists.guess_language)."""
    from collections import Counter

    from cleaner.content import stoplists

    counts = Counter(stoplists._WORD.findall(text.lower()))
    names, lists = stoplists._lists()
    hits: Counter[int] = Counter()
    for word, count in counts.most_common(stoplists._GUESS_WORDS):
        for lang, words in enumerate(lists):
            if word in words:
                hits[lang] += count
    if not hits:
        return None
    lang, best = hits.most_common(1)[0]
    english = names.index("English")
    if hits[english] >= stoplists._ENGLISH_SHARE * best:
        lang, best = english, hits[english]
    return names[lang] if best >= stoplists._MIN_HITS else None


def test_language_guess_agrees_with_a_word_by_word_tally() -> None:
    import random

    from cleaner.content import stoplists

    _, lists = stoplists._lists()
    pool = sorted({w for words in lists for w in sorted(words)[:40]})
    rng = random.Random(7)
    texts = [" ".join(rng.choice(pool) for _ in range(rng.randint(1, 90))) for _ in range(400)]
    texts += ["", "12 34", "the cat sat on the mat " * 3, "und der die das " * 4]
    for text in texts:
        assert stoplists.guess_language(text) == _tally_guess(text), text[:80]


PRECHECK_EDGE_CASES = [
    "٣ أرقام ١٢",  # Arabic-Indic digits: `\d` in both the measures and the patterns
    "(٣)",
    "平成３０年",  # full-width digits
    "ÄÖÜ straßeÄb",  # upper case outside ASCII, glued
    "xÉy Été",
    "WWW.EXAMPLE.ORG",
    "Visit HTTP://x or HTTPS://y",
    "mail ME@Example",
    "@_ and @ ",
    "a.COM b.comx c.Net",
    "x.org_y",
    "a -- b | c: d; e, f/g - h",
    "a\x1c-\x1cb",
    "1 - 2",
    "",
]


def test_skipped_patterns_cannot_match() -> None:
    """`_own` tries the date and counter patterns only on lines with a digit, the capital and
    glued-word patterns only on lines with an upper-case letter, as the measures count them."""
    for line in _lines() + NON_ASCII_EDGE_CASES + PRECHECK_EDGE_CASES:
        measured = measures._ascii_measures(line) if line and line.isascii() else measures._measures(line)
        upper, digits = measured[4], measured[5]
        if not digits:
            assert not measures._DATE.search(line), repr(line)
            assert not measures._COUNTER.search(line), repr(line)
            assert not measures._DIGIT.search(line), repr(line)
        if not upper:
            assert not measures._CAPITALISED.findall(line), repr(line)
            assert not measures._GLUED.findall(line), repr(line)


def test_ascii_url_and_separator_patterns_agree_with_the_regex_ones() -> None:
    for line in [ln for ln in _lines() + PRECHECK_EDGE_CASES if ln.isascii()]:
        assert bool(measures._A_URLISH.search(line.lower())) == bool(measures._URLISH.search(line)), line
        stripped = line.strip()
        assert measures._A_SEPARATOR.findall(stripped) == measures._SEPARATOR.findall(stripped), line
        assert measures.shape(line, bool(measures._DIGIT.search(line))) == measures.signature(line)


def test_page_features_repeat_for_repeated_lines() -> None:
    """Lines are measured once per distinct text; each occurrence still gets its own row, with
    the columns that depend on its place (position, runs, repetition) of its own."""
    texts = ["Home", "News", "Home", "The council met on Tuesday to approve the budget for next year."] * 3
    page = features.page_features(texts)
    own = [features.NAMES.index(n) for n in measures.OWN[: measures.OWN.index("short") + 1]]
    pos = features.NAMES.index("pos")
    for k, text in enumerate(texts):
        first = texts.index(text)
        assert [page.rows[k][c] for c in own] == [page.rows[first][c] for c in own]
        assert page.rows[k][pos] == k / len(texts)
    assert len({id(r) for r in page.rows}) == len(texts)


def test_word_count_is_the_token_count() -> None:
    from cleaner.text import MAYBE_CJK, word_count

    for line in [ln for ln in _lines() + PRECHECK_EDGE_CASES if ln.isascii()] + [
        "a\x1cb",
        "x_y-z",
        "",
        " ",
        "_",
        "w",
        " w ",
        "ww  w",
        "-w-",
        "\tA1 b2\n",
    ]:
        assert (
            word_count(line) == len(reference_features.A_TOKEN.findall(line)) == len(measures._TOKEN.findall(line))
        ), line
    for line in _lines() + NON_ASCII_EDGE_CASES + PRECHECK_EDGE_CASES:
        if not MAYBE_CJK.search(line):
            assert word_count(line) == measures._words(line, 0), line


def test_stage2_rows_agree_with_the_plain_loop() -> None:
    import random

    from cleaner.content import model

    def plain(
        p1: list[float], weights: list[float], rows: list[list[float]], cols: tuple[int, ...]
    ) -> list[list[float]]:
        windows = [features.window_means(p1, h) for h in model.STAGE2_WINDOWS]
        mass = [p * w for p, w in zip(p1, weights, strict=True)]
        total = sum(mass) or 1.0
        top = max(p1, default=1.0) or 1.0
        out, before = [], 0.0
        for i in range(len(p1)):
            after = total - before - mass[i]
            out.append(
                [p1[i], *(w[i] for w in windows), p1[i] / top, windows[1][i] / top, before / total, after / total]
                + [rows[i][c] for c in cols]
            )
            before += mass[i]
        return out

    rng = random.Random(3)
    for n in (0, 1, 2, 5, 17, 40):
        p1 = [rng.random() for _ in range(n)]
        weights = [float(rng.randint(1, 300)) for _ in range(n)]
        rows = [[rng.random() for _ in range(len(features.NAMES))] for _ in range(n)]
        for cols in ((), (3,), (0, 5, 9), model.columns(model.STAGE2_FEATURES)):
            assert model.stage2_rows(p1, weights, rows, cols) == plain(p1, weights, rows, cols)


def test_ascii_topic_words_and_comment_header_precheck() -> None:
    from cleaner.content import edges
    from cleaner.rules import content

    for line in _lines() + PRECHECK_EDGE_CASES + ["Abcd EFGH ab_cdef x1yzab ÄBCD", "Anna said :", "x wrote\uff1a"]:
        lower = line.lower()
        if lower.isascii():
            assert edges._A_TOPIC_PREFIX.findall(lower) == [w[:4] for w in edges._TOPIC_WORD.findall(lower)], line
        if content._COMMENT_HEADER.match(line):
            assert line.rstrip().endswith(":"), line


def test_non_letters_are_the_complement_of_letters() -> None:
    """`_measures` counts a line's letters as its length less its non-letters."""
    every = "".join(map(chr, range(0x110000)))
    assert reference_features.LETTER.sub("", every) == "".join(measures._NON_LETTER.findall(every))


SEPARATOR_EDGE_CASES = [
    "a-b",
    "a - b",
    "a\t-\tb",
    "a --- b - - c",
    "x – y — z",
    "a:b;c,d/e|f",
    "Paris — 12:30, Lyon",
    "\u3000東京－大阪｜",
    "-",
    "a--b",
    "a ---b",
    "x - -- y",
    "x -\t- y",
    "a -\u00a0b",
    "a\u00a0-\u00a0b",
    "a-\x1cb",
    "—-—",
]


def test_shortcuts_agree_with_the_patterns() -> None:
    """A line's separators without its pattern where it has no '-', its ASCII alphabetic words by
    a byte table, its topic words from the page's memo: each as the pattern finds them."""
    from cleaner.content import edges
    from cleaner.text import forget

    lines = _lines() + NON_ASCII_EDGE_CASES + PRECHECK_EDGE_CASES + SEPARATOR_EDGE_CASES
    try:
        for line in lines:
            stripped = line.strip()
            has_digit = bool(measures._DIGIT.search(line))
            found = measures._shape(line, has_digit)
            assert found[2] == frozenset(measures._SEPARATOR.findall(stripped)), repr(line)
            assert measures.signature(line) == measures.shape(line, has_digit) == found
            assert measures.alpha_words(line) == measures._ALPHA_WORD.findall(line.lower()), repr(line)
            lower = line.lower()
            topic = {w[:4] for w in edges._TOPIC_WORD.findall(lower)}
            assert edges._topic_words(line) == topic == edges._topic_words(line), repr(line)
    finally:
        forget()


START_EDGE_CASES = [
    " 1. item",
    "\t- item",
    "\x1c- item",
    "\x1c\x1d(3)",
    "  42  ",
    "\u3000「引用」",
    "(a) first",
    "a) first",
    "b) 12 (4)",
    "² squared",
    "٣. بند",
    "\u00a0\u2014 quoted",
    "'Tis",
    "«Citation»",
    "   ",
]


def test_skipped_start_patterns_cannot_match() -> None:
    """`own_features` tries the bullet, leading-quote and counter patterns only on lines whose first
    character after spaces may begin a match: each column is what its pattern says."""
    from cleaner.text import forget

    every_space = "".join(regex.findall(r"\s", "".join(map(chr, range(0x110000)))))
    assert every_space.isspace()  # what the patterns' `^\s*` skips, str.lstrip skips too
    bullet, quote, counter = (measures.OWN.index(name) for name in ("bullet", "quote", "counter"))
    try:
        for line in _lines() + NON_ASCII_EDGE_CASES + PRECHECK_EDGE_CASES + START_EDGE_CASES:
            if not line:
                continue
            row, _ = measures.own_features(line, measures.alpha_words(line), frozenset())
            assert row[bullet] == (1.0 if measures._BULLET.match(line) else 0.0), repr(line)
            assert row[quote] == (1.0 if measures._LEADING_QUOTE.match(line) else 0.0), repr(line)
            assert row[counter] == (1.0 if measures._COUNTER.search(line) else 0.0), repr(line)
    finally:
        forget()
