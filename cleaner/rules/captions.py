"""Captions set inside the article, judged on what content detection kept."""

from __future__ import annotations

import re

from cleaner.document import Document, Kind, Rule
from cleaner.rules.builders import examples, rule
from cleaner.rules.credit_text import closing_credit

# A line ending in a bracket, maybe before spaces: where closing_credit may find a credit.
_ENDS_BRACKETED = re.compile(r"[)\]][ \t]*$", re.MULTILINE)


@rule(
    "CP001",
    "captions.closing-credit",
    Kind.LINE,
    "A caption line closed by a bare credit in brackets: an agency or a Name/Agency pair after the caption's "
    "last sentence, (AP), (Jane Doe/Reuters), (NASA via AP, File), or an agency in square brackets, "
    "[SpaceX via Nasa]; with keep-captions only the credit is cut.",
    examples(
        ("Body.\nA cargo ship leaves the port on Aug. 31, 2019. (AP)\nMore body.\n", "Body.\nMore body.\n"),
        (
            "Body.\nRep. Jane Roe speaks to reporters, October 31, 2019. (John Smith/Reuters)\nMore body.\n",
            "Body.\nMore body.\n",
        ),
        (
            "The plan was drawn up by the National Aeronautics and Space Administration (NASA)\n",
            "The plan was drawn up by the National Aeronautics and Space Administration (NASA)\n",
        ),
        (
            "What is really interesting is that the government argued otherwise. (Via Talk Left)\n",
            "What is really interesting is that the government argued otherwise. (Via Talk Left)\n",
        ),
    ),
    # Each line is judged alone; a line it edits (keep-captions) counts as an edit.
    rerun_only_after_edits=True,
)
def closing(doc: Document, rule: Rule) -> None:
    # It runs after content detection: on a short article the caption is a good share of what the
    # selection keeps, and removed before it, the selection would keep too little of the page to
    # be believed (the page would then be left whole, menus and all).
    for i in doc.lookup().lines_matching(_ENDS_BRACKETED):
        line = doc.lines[i]
        if not line.kept or line.blank:
            continue
        start = closing_credit(line.text)
        if start is None:
            continue
        if doc.config.keep_captions:
            doc.edit(i, line.text[:start].rstrip(), line.text[start:].strip(), rule)
        else:
            doc.remove(i, rule)


RULES = (closing,)
