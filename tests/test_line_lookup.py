"""cleaner.lookup (LineLookup.lines_lowercase_containing and lines_maybe_matching_ignorecase) finds exactly the lines a per-line test finds."""

from __future__ import annotations

import sys
from itertools import product

import regex
from hypothesis import given, settings
from hypothesis import strategies as st
from material import DEV, FIXTURES, dev_files

from cleaner import registry
from cleaner.config import Config
from cleaner.document import Document, Kind, Rule
from cleaner.lookup import _FOLDS_TO_ASCII
from cleaner.rules import credit_text, credits, patterns, prompts, tail

# Cases where lowercasing changes a text's length or depends on the neighbours (final sigma).
ODD = "İstanbul NEXT\nΟΔΟΣ\nσ\n\nPreſs caption\nCOOKIE ſite\nK-pop\n\n  \nnext\nNEXT İ"
WORD_LISTS = [
    ("next", "comment"),
    (" site", "cookie", "seite"),
    ("ς", "σ"),
    ("i̇", "préc", "ä"),
    prompts.NOTICE_CUES,
    credit_text.TRAILING_CUES,
]


def _texts() -> list[str]:
    paths = sorted(FIXTURES.rglob("*.txt")) + dev_files("raw")
    return [ODD, ODD + "\n", "", "\n\n"] + [p.read_text(encoding="utf-8") for p in paths]


def test_lines_lowercase_containing_is_the_per_line_test() -> None:
    cleaneval = sorted((DEV.parent / "cleaneval-dev" / "raw").glob("*.txt"))
    for text in _texts() + [p.read_text(encoding="utf-8") for p in cleaneval]:
        doc = Document.from_text(text, Config())
        lowered = [ln.text.lower() for ln in doc.lines]
        for words in [*WORD_LISTS, credit_text.CREDIT_CUES or (), credits.CAPTION_CUES, tail.THREAD_CUES]:
            want = [i for i, low in enumerate(lowered) if any(w in low for w in words)]
            assert doc.lookup().lines_lowercase_containing(words) == want, (words, text[:40])


def test_lines_lowercase_containing_follows_edits() -> None:
    rule = Rule("ZZ003", "test.edit", Kind.INLINE, "Edits.", (), lambda d, r: None)
    doc = Document.from_text("one\ntwo\n", Config())
    assert doc.lookup().lines_lowercase_containing(("next",)) == []
    doc.edit(1, "Next", "two", rule)
    assert doc.lookup().lines_lowercase_containing(("next",)) == [1]


def test_lines_maybe_matching_ignorecase_finds_every_case_insensitive_match() -> None:
    for words in (
        ("next", "nächster", "précédent", "siguiente"),
        credits.CAPTION_CUES,
        tail.THREAD_CUES,
        ("s", "i", "k"),
    ):
        pattern = regex.compile("|".join(map(regex.escape, words)), regex.IGNORECASE)
        for text in _texts():
            doc = Document.from_text(text, Config())
            want = {i for i, ln in enumerate(doc.lines) if pattern.search(ln.text)}
            assert want <= set(doc.lookup().lines_maybe_matching_ignorecase(words)), (words, text[:40])


def test_the_characters_lowercasing_misses_are_known() -> None:
    # Every character that a case-insensitive pattern matches to a letter of a cue word either
    # lowercases to that letter or is one lines_maybe_matching_ignorecase looks out for.
    letters = {
        c
        for words in (("next", "nächster", "précédent", "siguiente"), credits.CAPTION_CUES, tail.THREAD_CUES)
        for w in words
        for c in w
    }
    letters |= set("abcdefghijklmnopqrstuvwxyz")
    any_letter = regex.compile("[" + "".join(map(regex.escape, sorted(letters))) + "]", regex.IGNORECASE)
    odd = set()
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        if any_letter.fullmatch(c) and c.lower() not in letters:
            odd.add(c)
    assert odd == set(_FOLDS_TO_ASCII)


def test_lines_matching_is_the_per_line_search() -> None:
    patterns = [
        regex.compile(p, regex.IGNORECASE | regex.MULTILINE) for p in (r"\d", r"\|", r"\[\s*ad", r"^\s*$", "next")
    ]
    for text in _texts():
        doc = Document.from_text(text, Config())
        for pattern in patterns:
            want = [i for i, ln in enumerate(doc.lines) if pattern.search(ln.text)]
            assert doc.lookup().lines_matching(pattern) == want, (pattern.pattern, text[:40])


def test_cue_words_reads_the_literal_each_alternative_starts_with() -> None:
    assert patterns.cue_words(r"foo|bar\.baz|(?:x|yz)w") == ("bar.baz", "foo", "x", "yz")
    assert patterns.cue_words(r"ab?c|D\s+e") == ("a", "d")
    assert patterns.cue_words(r"colou?r|\(c\)|credits?\s*:") == ("(c)", "colo", "credit")
    assert patterns.cue_words(r"photo|photos|nurphoto") == ("photo",)  # a cue inside another is enough
    for unreadable in (r"[ab]c", r"(?:a|b)?c", r"x|\d+", r"(?=a)a", r"\p{Lu}x", "ſx", "İx", "a b(?x)", "(?i)ab"):
        assert patterns.cue_words(unreadable) is None, unreadable


def test_every_credit_line_holds_a_cue() -> None:
    cues = credit_text.CREDIT_CUES
    assert cues is not None and "getty" in cues and "photo" in cues
    for text in _texts():
        for line in text.split("\n"):
            if credit_text.is_credit_line(line):
                assert any(c in line.lower() for c in cues), line


def test_cue_words_skips_leading_optional_classes() -> None:
    assert patterns.cue_words(r"[ \t]*\[\s*ad\]") == ("[",)
    assert patterns.cue_words(r"\s*foo|[ab]*?x") == ("foo", "x")
    assert patterns.cue_words(r"\s+foo") is None  # a class that must match is not skipped
    assert patterns.cue_words(r"\p{Lu}*foo") is None


def test_lines_lowercase_containing_within_a_length() -> None:
    for text in _texts():
        doc = Document.from_text(text, Config())
        for words, within in product(WORD_LISTS, (0, 5, 80, 200)):
            want = [
                i
                for i, ln in enumerate(doc.lines)
                if len(ln.text) <= within and any(w in ln.text.lower() for w in words)
            ]
            assert doc.lookup().lines_lowercase_containing(words, within) == want, (words, within, text[:40])
            assert set(want) <= set(doc.lookup().lines_maybe_matching_ignorecase(words, within))
        assert doc.lookup().lines_lowercase_containing(("next",)) == doc.lookup().lines_lowercase_containing(
            ("next",), within=None
        )


def test_every_credit_line_is_found_by_credit_line() -> None:
    rule = registry.by_id("CR001")
    decorated = "•" * 250 + " Photo: Getty Images " + "•" * 250  # long, with a short label
    for text in [*_texts(), decorated]:
        doc = Document.from_text(text, Config())
        want = [i for i, ln in enumerate(doc.lines) if not ln.blank and credit_text.is_credit_line(ln.text)]
        rule.apply(doc, rule)
        assert [i for i, ln in enumerate(doc.lines) if ln.removed_by == "CR001"] == want


# Words that hold one another ("ap" in "photographer"), start with a space, or hold a character
# whose case mapping is odd; text made of them, their cases, and characters lowercasing lengthens.
_WORDS = ["photo", "photographer", "ap", "a", " site", "site", "©", "ς", "σ", "i̇", "k", "s", "[file", "(c)"]
_PIECES = [*_WORDS, "PHOTO", "Ap", "SITE", "Σ", "İ", "K", "ſ", " ", "\n", "x", "é", "É", "\t", "\u00a0", "中", "\ud83d"]


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(
    st.lists(st.sampled_from(_PIECES), max_size=40).map("".join),
    st.lists(
        st.tuples(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4), st.sampled_from([None, 0, 3, 12])),
        max_size=4,
    ),
)
def test_lines_lowercase_containing_is_the_per_line_test_on_generated_text(
    text: str, queries: list[tuple[list[str], int | None]]
) -> None:
    # One scan finds every cue word known so far (tests/conftest's other tests teach it more): the
    # answer must not depend on which words were known before, nor on the lookups made before.
    doc = Document.from_text(text, Config())
    for words, within in queries:
        want = [
            i
            for i, ln in enumerate(doc.lines)
            if (within is None or len(ln.text) <= within) and any(w in ln.text.lower() for w in words)
        ]
        assert doc.lookup().lines_lowercase_containing(words, within) == want


def test_cue_lookups_after_new_words_are_learnt() -> None:
    doc = Document.from_text("Photographer: AP\nthe Site\nnothing\n", Config())
    lookup = doc.lookup()
    assert lookup.lines_lowercase_containing(("photo",)) == [0]
    new = "zq-" + str(id(doc))  # a word no lookup has asked for before
    assert lookup.lines_lowercase_containing((new, " site")) == [1]
    assert lookup.lines_lowercase_containing(("ap", "photo")) == [0]
    rule = Rule("ZZ004", "test.edit", Kind.INLINE, "Edits.", (), lambda d, r: None)
    doc.edit(2, "nothing " + new.upper(), "", rule)
    assert doc.lookup().lines_lowercase_containing((new,)) == [2]
