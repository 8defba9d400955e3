"""Whitespace normalisation; these rules shape the output and record no removals."""

from __future__ import annotations

from cleaner.document import Document, Kind, Rule, strip_end
from cleaner.rules.builders import examples, rule


def _whitespace_settles(doc: Document, rule: Rule) -> bool:
    """Rule.settles of WS001 and WS002, on every page. WS001 strips line ends, and a pass's output's
    lines come so stripped (Document.from_text). WS002 drops blank lines first, last and after
    another blank line among the kept ones; it ran last in the pass (the whitespace stage ends the
    registry), so the pass's output has none such, and where no rule before it removed anything in
    the next pass, it finds none either."""
    return True


@rule(
    "WS001",
    "whitespace.trailing",
    Kind.WHITESPACE,
    "Trailing spaces, tabs, no-break and zero-width spaces at line ends are removed.",
    examples(
        ("Text.\u00a0 \nMore text.\t\n", "Text.\nMore text.\n"),
        ("Text.\u200b\n\u200b\n\nMore text.\n", "Text.\n\nMore text.\n"),
    ),
    settles=_whitespace_settles,
)
def trailing(doc: Document, rule: Rule) -> None:
    # Lines come stripped so (Document.from_text, Document.edit); a rule that set a line's text
    # itself may have left something.
    for line in doc.lines:
        line.text = strip_end(line.text)


@rule(
    "WS002",
    "whitespace.blank-lines",
    Kind.WHITESPACE,
    "Runs of blank lines collapse to one; blank lines at the start and end go.",
    examples(("\n\nOne.\n\n\n\nTwo.\n\n\n", "One.\n\nTwo.\n")),
    settles=_whitespace_settles,
)
def blank_lines(doc: Document, rule: Rule) -> None:
    previous_blank = True  # so leading blank lines go
    for line in doc.lines:
        if not line.kept:
            continue
        if line.blank:
            if previous_blank:
                line.removed_by = rule.id
            previous_blank = True
        else:
            previous_blank = False
    for line in reversed(doc.lines):
        if not line.kept:
            continue
        if not line.blank:
            break
        line.removed_by = rule.id


RULES = (trailing, blank_lines)
