"""Time stamps above the article, in the forms content detection was trained to see there."""

from __future__ import annotations

from cleaner.document import Document, Kind, Rule
from cleaner.rules.builders import examples, rule
from cleaner.rules.date_text import DATE_LINE_MORE, date_lines_settle, remove_date_lines
from cleaner.rules.gates import label_gate

_CANDIDATES = label_gate(DATE_LINE_MORE)


@rule(
    "ST001",
    "stamps.date-line",
    Kind.LINE,
    "A line that is only a date, in the forms the phrase stage's date-line rule leaves (Today 12:01 AM; "
    "Updated Nov. 19, 2019 8:21 am ET / Original ...; sexta-feira, 22 de outubro de 2010 às 20:13; "
    "기사입력 :[ 2018-08-25 15:24 ]; Nov 19, 2019 at 9:08 GMT1 day ago), above the story's first sentence or "
    "where no paragraph follows it.",
    examples(
        (
            "Mayor resigns\nToday 12:01 AM\nThe mayor resigned on Tuesday after a week of protests outside the town hall.\n",
            "Mayor resigns\nThe mayor resigned on Tuesday after a week of protests outside the town hall.\n",
        ),
        (
            "Mayor resigns\nThe mayor resigned on Tuesday after a week of protests outside the town hall.\n\n"
            "Today 12:01 AM\n\nThe council will meet tonight to choose who takes over from him.\n",
            "Mayor resigns\nThe mayor resigned on Tuesday after a week of protests outside the town hall.\n\n"
            "Today 12:01 AM\n\nThe council will meet tonight to choose who takes over from him.\n",
        ),
    ),
    settles=date_lines_settle,
)
def date_line(doc: Document, rule: Rule) -> None:
    # It runs after content detection: a date line right above the story marks where the article
    # starts, and taken away first, the selection there grew into the furniture above it.
    remove_date_lines(doc, rule, _CANDIDATES(doc), DATE_LINE_MORE)


RULES = (date_line,)
