"""The line-rule gates (first and last characters, judged by partial matching) never hide a match."""

from __future__ import annotations

import regex
from material import FIXTURES, dev_files

from cleaner.config import Config
from cleaner.document import Document
from cleaner.rules import builders, gates, pattern_edges, patterns


def _fixture_lines() -> list[str]:
    paths = sorted(FIXTURES.rglob("*.txt")) + dev_files("raw")
    lines = {ln for p in paths for ln in p.read_text(encoding="utf-8").split("\n")}
    # Short labels, decorated labels, trailing punctuation the rules' tail allows.
    lines |= {"Ad", "ad", "• Share this: •", "Comments (3)", "Read more »", "Loading...", "Like Loading…", "x", ""}
    return sorted(lines)


def test_every_line_a_line_rule_matches_is_among_its_candidates() -> None:
    from cleaner.registry import BUILTIN  # builds every line rule, so every gate exists

    assert BUILTIN
    lines = _fixture_lines()
    doc = Document.from_text("\n".join(lines), Config())
    index = gates.GATES
    for rule, (source, _) in enumerate(index.rules):
        pattern = regex.compile(source, patterns.FLAGS)
        candidates = set(index.candidates(doc, rule))
        for i, line in enumerate(doc.lines):
            if line.blank:
                continue
            if pattern.fullmatch(gates.label_of(line.text)):
                assert i in candidates, (source[:60], line.text)


def test_candidates_follow_edits() -> None:
    rule = builders.line_rule("ZZ901", "test.word", "A test rule.", ["frobnicate"], ())
    doc = Document.from_text("Keep this line.\nsomething else\n", Config())
    rule.apply(doc, rule)
    assert all(line.kept for line in doc.lines)
    doc.edit(1, "Frobnicate", "something else", rule)  # an edit must refresh the candidates
    rule.apply(doc, rule)
    assert [line.kept for line in doc.lines] == [True, False]


def test_a_head_mask_tried_after_its_prefix_is_the_mask_of_every_pattern() -> None:
    # A head is tried only on the patterns its one-character-shorter prefix can begin: the masks
    # must be what trying every pattern on it gives, so the candidates do not depend on the memo.
    from cleaner.registry import BUILTIN

    assert BUILTIN
    index = gates.GATES
    index.heads.clear()
    plain = [regex.compile(part, patterns.FLAGS) for part in index.parts]
    heads = {gates.label_of(line)[: index.EDGE] for line in _fixture_lines()}
    heads |= {"\u201cTh", "Фот", "фо", "中文", "Éd", "a\u00a0b", "ſi", "\u212ao", "İn", "«Re", "su\u00e9", "\u2026"}
    for head in sorted(heads):
        want = sum(1 << b for b, p in enumerate(plain) if p.fullmatch(head, partial=True) is not None)
        assert index._head_mask(head) == want, head


def test_a_tail_mask_is_the_mask_of_every_pattern() -> None:
    # Tails are looked up among the endings read from the patterns' syntax where they are ASCII,
    # asked of the regex engine otherwise: either way, what trying every pattern gives.
    from cleaner.registry import BUILTIN

    assert BUILTIN
    index = gates.GATES
    index.tails.clear()
    plain = [regex.compile(part, patterns.FLAGS | regex.REVERSE) for part in index.parts]
    every = (1 << len(index.parts)) - 1
    tails = {gates.label_of(line)[-index.EDGE :] for line in _fixture_lines()}
    tails |= {
        "ad.",
        "d!!",
        "s :",
        "s\t.",
        "ts\u2026",
        "ß.",
        "\u212a",
        "",
        "d \u2026",
        "é s",
        "\u201cs.",
        "ом.",
        "中文",
        "a\u00a0.",
    }
    for tail in sorted(tails):
        want = sum(1 << b for b, p in enumerate(plain) if p.fullmatch(tail, partial=True) is not None)
        assert index._tail_mask(tail, every) == want, tail


def test_edges_read_from_a_pattern_are_what_partial_matching_says() -> None:
    # Every string of up to three characters over an alphabet of the patterns' own characters,
    # in both cases, with spaces and punctuation: read edges and partial matches agree.
    sources = [
        r"(?:advert(?:isement)?s?)[\s.:!…]*",
        r"(?:(?:\d+ )?comments?(?: \(\d+\))?)[\s.:!…]*",
        r"(?:[^.!?]{0,3}[•|·] min read)",
        r"(?:a|b)?[xy]{2,3}$",
        r"^z.{1,2}q",
        r"(?:k|s|i)[^a]",
        r"(?:1/2|\w\W)",
    ]
    alphabet = "adxyzqksiKSAI1/2 .:!(\u212a\u017f\u0130\u0131é-"
    texts = [""] + [a + b + c for a in alphabet for b in ["", *alphabet] for c in ["", *alphabet] if c == "" or b]
    read_any = 0
    for source in sources:
        for reverse in (False, True):
            read = pattern_edges.edge_strings(source, 3, reverse)
            if read is None:
                continue  # left to the regex engine
            read_any += 1
            strings, repeated = read
            flags = patterns.FLAGS | (regex.REVERSE if reverse else 0)
            compiled = regex.compile(source, flags)
            for text in texts:
                if not text.isascii():
                    continue
                low = text.lower()
                if reverse:
                    cut = len(low.rstrip("".join(repeated)))
                    found = any(low[:end] in strings for end in range(cut, len(low) + 1))
                else:
                    found = low in strings
                assert found == (compiled.fullmatch(text, partial=True) is not None), (source, reverse, text)
    assert read_any >= 8


# Sources whose endings are too many to list (a repeat of `.` or of a wide class), or whose
# characters may be outside ASCII, with a lookahead or a word boundary that the readings must refuse.
_WIDE_SOURCES = [
    r"(?:read the (?:full|original) (?:article|story)(?: (?:here|on|at) .{1,80})?)[\s.:!…]*",
    r"(?:subscribe (?:to|for) [^.!?,;]{1,50})[\s.:!…]*",
    r"(?:(?:one|\d+) (?:replies|thoughts?) (?:to|on) [“\"«‘'].{1,150})[\s.:!…]*",
    r"(?:(?:фото|источник)\s*:\s*[^.!?…,\n]{0,60})[\s.:!…]*",
    r"(?:(?![^\n]*[.!?]$)more (?:from|on) (?:the )?[\w&'’.-]+(?: [\w&'’.-]+){0,3})[\s.:!…]*",
    r"(?:(?:foo|bar)\b.{0,2})[\s.:!…]*",
    r"(?:\d[\d.,]*\s?[km]?\s*shares?|shares?\s+\d[\d.,]*\s?[km]?)[\s.:!…]*",
    r"(?:é[a-z]{2,}|x.{0,2})",
    r"(?:[^a]{3,}q?)[.:]*",
]
_WIDE_ALPHABET = "adfoq1. :!…,éÉфо中\u00a0\u201c\u212a\u017f-"


def _strings_up_to_three(alphabet: str) -> list[str]:
    return [""] + [a + b + c for a in alphabet for b in ["", *alphabet] for c in ["", *alphabet] if c == "" or b]


def test_prefixes_read_as_open_to_other_characters_are_all_that_can_go_on_with_one() -> None:
    # A string whose first character outside ASCII follows an ASCII prefix not read as open can
    # begin no match (heads), or end none (tails, read backwards): partial matching agrees.
    texts = _strings_up_to_three(_WIDE_ALPHABET)
    plain = [
        r"(?:a\w+)",
        r"(?:a\s+d)",
        r"(?:advert(?:isement)?s?)[\s.:!…]*",
        r"(?:(?:\d+ )?comments?(?: \(\d+\))?)[\s.:!…]*",
    ]
    for source in [*_WIDE_SOURCES, *plain]:
        read = pattern_edges.edge_reading(source, 3)
        if read is None:
            continue
        strings, _, wide = read
        assert wide <= strings
        compiled = regex.compile(source, patterns.FLAGS)
        for text in texts:
            if text.isascii() or not pattern_edges.FOLDS_TO_ASCII.isdisjoint(text):
                continue
            start = next(k for k, c in enumerate(text) if not c.isascii())
            if text[:start].lower() not in wide:
                assert compiled.fullmatch(text, partial=True) is None, (source, text)


def test_ending_classes_say_yes_only_where_partial_matching_does() -> None:
    texts = _strings_up_to_three(_WIDE_ALPHABET)
    read_any = 0
    for source in _WIDE_SOURCES:
        ends = pattern_edges.ending_classes(source, 3)
        if ends is None or not ends[0]:
            continue
        read_any += 1
        classes, repeated = ends
        compiled = regex.compile(source, patterns.FLAGS | regex.REVERSE)
        for text in texts:
            low = text.lower()
            cut = len(low.rstrip("".join(repeated)))
            sure = pattern_edges.ANY in classes or (
                text.isascii()
                and any(
                    members is not None and members.issuperset(low[:end])
                    for members in classes
                    for end in range(cut, len(low) + 1)
                )
            )
            if sure:
                assert compiled.fullmatch(text, partial=True) is not None, (source, text)
    assert read_any >= 5
    for refused in (_WIDE_SOURCES[4], _WIDE_SOURCES[5]):  # a lookahead, a word boundary
        assert pattern_edges.ending_classes(refused, 3) is None


def test_a_tail_outside_ascii_is_judged_from_the_readings_as_partial_matching_judges_it() -> None:
    # Tails with characters outside ASCII (spaces LINE_TAIL takes, quotes, other scripts) are judged
    # for the patterns ending in LINE_TAIL from their readings (open ends, `_line_tail_mask`), the
    # regex engine asked only where those leave it open: every string of up to three characters of
    # an alphabet of pattern ends and such characters gets what trying every pattern gives.
    from cleaner.registry import BUILTIN

    assert BUILTIN
    index = gates.GATES
    index.tails.clear()
    index._read_edges()
    assert index.line_tails  # the readings are in use, or this checks nothing
    plain = [regex.compile(part, patterns.FLAGS | regex.REVERSE) for part in index.parts]
    every = (1 << len(index.parts)) - 1
    for tail in _strings_up_to_three("esd.: !é…\u00a0\u2009“ф»"):
        if tail.isascii():
            continue
        want = sum(1 << b for b, p in enumerate(plain) if p.fullmatch(tail, partial=True) is not None)
        assert index._tail_mask(tail, every) == want, tail
