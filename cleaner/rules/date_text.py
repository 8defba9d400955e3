"""What a line that is only a date looks like ("Updated: 18 Nov 2019 9:38 pm"), and where such a
line goes: the date-line rules (navigation NV007, stamps ST001) act on what these find."""

from __future__ import annotations

from functools import cache

import regex

from cleaner.document import Document, Rule
from cleaner.rules.builders import first_prose
from cleaner.rules.gates import label_of
from cleaner.rules.patterns import FLAGS
from cleaner.text import is_prose

# Month names by their first letters, in English and (the extra prefixes) Spanish, Italian,
# French, Portuguese, German, Indonesian and Russian: "ene", "gen" (enero, gennaio), "mär" (März),
# "aoû" (août), "agu" (Agustus), "сен" (сентября)...
_MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
    r"|ene|abr|ago|dic|gen|mag|giu|lug|set|ott|fév|fev|avr|aoû|déc|dez|mär|mai|okt|out|mei|agu|des"
    r"|янв|фев|мар|апр|ма[яй]|июн|июл|авг|сен|окт|ноя|дек)\p{L}*\.?"
)
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)[a-z]*\.?,?\s+)"
_TIME = r"\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*(?:et|est|edt|gmt|utc|bst|cet|cest|pt|pst|ist))?"
_LABELS = (
    r"published|updated|posted|last updated|first published|last modified|modified|veröffentlicht|aktualisiert"
    r"|publié|mis à jour|publicado|actualizado|atualizado|pubblicato|aggiornato"
    r"|diterbitkan|diperbarui|dipublikasikan|опубликовано|обновлено"
)
# What the late date-line rule (cleaner.rules.stamps) reads beyond these: weekdays spelled out in
# Portuguese, Spanish, French and German ("sexta-feira,"), more labels ("Original", Korean
# "기사입력"), a stamp in brackets after its label ("기사입력 :[ 2018-08-25 15:24 ]"), a day named
# relative to now ("Today 12:01 AM") and how long ago ("... 9:08 GMT1 day ago").
_WEEKDAY_MORE = (
    r"(?:(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)[a-z]*\.?"
    r"|(?:segunda|terça|terca|quarta|quinta|sexta)-feira|sábado|domingo"
    r"|lunes|martes|miércoles|jueves|viernes|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    r"|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag),?\s+)"
)
_LABELS_MORE = _LABELS + r"|original(?:ly published)?|기사입력|입력|수정|승인"
_RELATIVE_DAY = (
    rf"(?:today|yesterday|heute|gestern|hoje|ontem|hoy|ayer|aujourd'hui|hier)(?:,?\s*(?:at|um|às|a las|à)?\s*{_TIME})|"
)
_AGO = r"(?:\s*(?:\d+|an?|one)\s*(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago)?(?:\s*\])?"


def _stamp(more: bool) -> str:
    """One time stamp, maybe labelled, the time before or after the date: "Updated: 18 Nov 2019 9:38 pm",
    "Updated 10:07 AM ET, Tue November 19, 2019", "Posted: Fri 6:45 PM, Feb 16, 2018", and the time
    again in another zone: "Monday, November 18, 2019, 04:05 pm PT (07:05 pm ET)"; with `more`, the
    forms of _WEEKDAY_MORE's comment too."""
    weekday = _WEEKDAY_MORE if more else _WEEKDAY
    bracket = r"(?:\[\s*(?=.*\]$))?" if more else ""
    return (
        rf"(?:(?:{_LABELS_MORE if more else _LABELS})(?: on| at| am| le| el| em| il| pada)?\s*:?\s*{bracket})?"
        rf"{weekday}?(?:{_TIME}\s*,?\s+{weekday}?)?"
        rf"(?:{_RELATIVE_DAY if more else ''}{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
        rf"|\d{{1,2}}(?:st|nd|rd|th|º)?\.?\s+(?:de\s+)?{_MONTH},?\s+(?:de\s+)?\d{{4}}(?:\s*г\.)?"
        r"|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})"
        rf"(?:\s*(?:at|,|-|–|•|\||/|um|à|a las|às|alle|om|pukul|в)?\s*{_TIME})?(?:\s*\(\s*{_TIME}\s*\))?"
        + (_AGO if more else "")
    )


def _date_line(more: bool) -> str:
    """A line that is only a date: one or two stamps ("... Last modified on ..."), maybe with the
    source after a separator ("November 19, 2019 / 10:07 AM / CBS News")."""
    stamp = _stamp(more)
    return rf"{stamp}(?:\s*[|/•–-]?\s*{stamp})?(?:\s*[|/•–-]\s*\p{{Lu}}[\w&.'’-]*(?:\s+\p{{Lu}}[\w&.'’-]*){{0,3}})?"


# Pattern texts (FLAGS): the label gates read them as text, and they are compiled only for a page
# with a line the gates let through (together 35 ms of a one-line run's start otherwise).
DATE_LINE = _date_line(more=False)
DATE_LINE_MORE = _date_line(more=True)


@cache
def _compiled(pattern: str) -> regex.Pattern[str]:
    return regex.compile(pattern, FLAGS)


def remove_date_lines(doc: Document, rule: Rule, candidates: list[int], date_line: str) -> None:
    """Removes the candidate lines that are only a date (`date_line`, DATE_LINE or DATE_LINE_MORE),
    above the story's first sentence or where no paragraph follows them."""
    lines = doc.lines
    # A date line is short. The bound is also what keeps these patterns linear: their optional
    # parts, each led by `\s*`, split a long run of spaces in every way (a time, 500 spaces and a
    # failing tail take seconds), so they must never see a long line (tests/adversarial.py, "stamp").
    dated = [i for i in candidates if lines[i].kept and len(lines[i].text) <= 80]
    if not dated:
        return
    pattern = _compiled(date_line)
    # The story's first sentence, judged before this rule removes anything.
    first_sentence = first_prose(doc)
    read: list[tuple[int, int]] = []  # each date line kept, with each line that made it stay
    for i in dated:
        text = lines[i].text
        if not pattern.fullmatch(label_of(text)):
            continue
        after = next((k for k in range(i + 1, len(lines)) if lines[k].kept and not lines[k].blank), None)
        following = "" if after is None else lines[after].text
        if first_sentence is None or i < first_sentence or after is None or not is_prose(following):
            doc.remove(i, rule)
        else:
            read += ((i, first_sentence), (i, after))
    doc.watch(rule, pairs=read)


def date_lines_settle(doc: Document, rule: Rule) -> bool:
    """Rule.settles of the date-line rules (NV007, ST001): they remove only kept lines of at most 80
    characters whose label fullmatches their pattern ("date lines"), by the text of that line alone,
    unless the story's first sentence (the first kept line that reads as prose) is above it and
    the next kept, non-blank line below it reads as prose. Their last run in the pass tested every
    kept line (the label gates list each kept line whose label may fullmatch, tests/test_line_gates.py),
    so every line of the pass's output (kept then too, and with the same text if no line was
    edited since); it removed each date line or left it for those two lines, watched with it
    (`pairs`). Where both are still kept at the pass's end, they are in the output the first
    sentence (lines are only removed, so no prose line is kept above it) and the line after the
    date line: the next pass leaves every date line still kept as the last run did."""
    return doc.watch_holds(rule)
