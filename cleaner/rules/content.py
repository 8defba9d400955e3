"""Content detection: in a full-page capture, keep the article and drop the page around it.

Unlike the phrase rules, this family knows no debris text: it scores every line with a small
learned line model (cleaner.content) and keeps the article region(s). It does nothing in
conservative mode, and nothing on text that already looks clean (no menu-like runs of short lines).
"""

from __future__ import annotations

from cleaner.config import Mode
from cleaner.content import view
from cleaner.content.features import page_features
from cleaner.content.model import load, score
from cleaner.content.select import Selection, choose, headline_above, looks_clean
from cleaner.model import Document, Kind, Rule
from cleaner.rules.base import examples, rule

_MENU = "Gardening\nPuzzles\nLetters\nMotoring\nCrosswords\nObituaries\nPodcasts\n"
_ARTICLE = (
    "City council approves new budget\n"
    "The city council voted on Tuesday to approve a budget that raises spending on parks and "
    "libraries, after a debate that lasted well into the evening.\n"
    "Members said the plan would be paid for by savings in other departments, and that no new "
    "taxes would be needed to cover the cost of the changes.\n"
    "Several residents spoke against the plan at the meeting, saying that the money should go to "
    "road repairs instead of new playgrounds.\n"
    "The council's finance chair said the roads would get their share next year, when a bond "
    "issue is expected to be put before the voters.\n"
    "The mayor is expected to sign the budget later this week, according to a spokesman for the office.\n"
)
_FOOTER = "Our Journalists\nArchive\nCorrections\nReprints\nMasthead\n"


def selection(mode: Mode | str) -> Selection:
    return Selection(**load().thresholds[Mode(mode).value])


@rule(
    "CD001",
    "content.outside-article",
    Kind.CONTENT,
    "In a full-page capture, lines a learned line model scores as page furniture (menus, teasers, footers) "
    "rather than article; off in conservative mode and on text that already looks clean.",
    examples(
        (
            _MENU + _ARTICLE + _FOOTER,
            _ARTICLE,
        ),
    ),
)
def outside_article(doc: Document, rule: Rule) -> None:
    if Mode(doc.config.mode) is Mode.CONSERVATIVE:
        return
    v = view(doc)
    if looks_clean(v.texts):
        return
    page = page_features(v.texts, v.barrier)
    probs = score(load(), page.rows, [float(len(t)) for t in v.texts])
    keep = choose(probs, selection(doc.config.mode))
    headline = headline_above(v.texts, keep)
    if headline is not None:
        keep[headline] = True
    for index, kept in zip(v.indices, keep, strict=True):
        if not kept:
            doc.remove(index, rule)


RULES = (outside_article,)
