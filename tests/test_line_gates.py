"""The line-rule gates (first and last characters, judged by partial matching) never hide a match."""

from __future__ import annotations

import regex
from material import FIXTURES, dev_files

from cleaner.config import Config
from cleaner.document import Document
from cleaner.rules import builders, gates, patterns


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
    for head in sorted(heads):
        want = sum(1 << b for b, p in enumerate(plain) if p.fullmatch(head, partial=True) is not None)
        assert index._head_mask(head) == want, head
