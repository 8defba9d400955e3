"""Content detection: find the article among menus, bylines, related lists and footers.

`features` measures each line, `model` scores it with a small learned line model, `select` keeps
the article region(s); cleaner.rules.content wires this into the rule pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass

from cleaner.document import Document

# Characters that make a line look non-blank without showing anything (str.strip keeps some).
_INVISIBLE = " \t\u00a0\u200b\u200c\u200d\u2060\ufeff"


@dataclass(frozen=True)
class View:
    """The lines content detection looks at: kept, non-blank lines of the document."""

    indices: list[int]
    texts: list[str]
    barrier: list[bool]
    removed: int
    """Distinct lines that the rules before content detection removed from the page (a label
    repeated, "Sponsored Links" above two blocks, is one sign of furniture)."""


def view(doc: Document) -> View:
    indices: list[int] = []
    texts: list[str] = []
    barrier: list[bool] = []
    seen_barrier = False
    removed: set[str] = set()
    # Rules whose removals open a comment section (Rule.opens_comments): what follows is not the article.
    barriers = {rule_id for rule_id, remover in doc.removers.items() if remover.opens_comments}
    for i, line in enumerate(doc.lines):
        if line.removed_by is not None:
            removed.add(line.text.strip())
            if line.removed_by in barriers and texts:
                seen_barrier = True
            continue
        if not line.text.strip(_INVISIBLE):
            continue
        indices.append(i)
        texts.append(line.text)
        barrier.append(seen_barrier)
    return View(indices, texts, barrier, len(removed))
