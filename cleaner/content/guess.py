"""Content detection's selection on a page, also where CD001 does not believe it.

CD001 (cleaner.rules.content) removes what its selection leaves out, unless it does not believe the
selection (select.article) and leaves the page to the phrase rules. The HTML path reads the
selection it did not believe too, to tell a short article under long lists from a list page
(cleaner.html).
"""

from __future__ import annotations

from dataclasses import dataclass

from cleaner.config import Mode
from cleaner.content import view
from cleaner.content.passthrough import looks_clean
from cleaner.content.select import SELECTIONS, article, decision
from cleaner.document import Document


@dataclass(frozen=True)
class ArticleGuess:
    """The lines content detection selects on a page, and whether CD001 believes that selection."""

    texts: list[str]
    keep: list[bool]
    believed: bool
    """select.article believes the selection; if not, CD001 leaves the page whole (as it does where
    the page shows no furniture, passthrough.shows_furniture)."""

    def kept_text(self) -> str:
        return "".join(text + "\n" for text, kept in zip(self.texts, self.keep, strict=True) if kept)


def article_guess(doc: Document) -> ArticleGuess | None:
    """The one selection made on the page as it stands; None where content detection does not run
    (conservative mode, text that already looks clean)."""
    mode = Mode(doc.config.mode)
    if mode is Mode.CONSERVATIVE:
        return None
    v = view(doc)
    if looks_clean(v.texts):
        return None
    sel = SELECTIONS[mode.value]
    keep = decision(v.texts, v.barrier, sel)
    return ArticleGuess(v.texts, keep, believed=article(v.texts, v.barrier, sel) is not None)
