"""The tail cut's weighing (tail._outweighs) counts the text above the footer only as far as it
needs to: it must answer as the full count does."""

from __future__ import annotations

from material import FIXTURES

from cleaner.config import Config
from cleaner.document import Document
from cleaner.rules import tail


def test_outweighs_answers_as_the_full_count() -> None:
    checked = 0
    for path in sorted(FIXTURES.rglob("*.raw.txt"))[:40]:
        doc = Document.from_text(path.read_text(encoding="utf-8"), Config())
        indices = doc.content_indices()
        for cut_at in range(0, len(indices) + 1, max(1, len(indices) // 7)):
            for step in (1, 3):
                above, cut = indices[:cut_at:step], indices[cut_at:]
                full = tail._text_mass(doc, cut) > tail._text_mass(doc, above)
                assert tail._outweighs(doc, cut, above) is full, (path.name, cut_at, step)
                checked += 1
    doc = Document.from_text("Home\n", Config())
    assert tail._outweighs(doc, [], []) is False  # nothing against nothing
    assert tail._outweighs(doc, [0], []) is False  # a menu item weighs nothing
    assert checked > 100
