"""The pipeline runs no further pass where every rule settles (pipeline.next_pass_changes_nothing,
Rule.settles): each rule's proof is checked here on pages built so that a line it read goes after
its run, where the rerun must happen (and does), beside the same page without that removal, where
the rule settles; and, over every dev page of both sets in every mode, that a pass skipped so
would have changed nothing and that cleaning stays idempotent."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from material import DEV, FIXTURES, dev_files, needs_bench

from cleaner import pipeline, registry
from cleaner.config import Config, Mode
from cleaner.document import Document, Kind, Rule
from cleaner.rules.builders import inline_rule

_OTHER = Rule("ZZ002", "test.later", Kind.CONTENT, "A rule later in the pass.", (), lambda d, r: None)


def _index(doc: Document, text: str) -> int:
    return next(i for i, line in enumerate(doc.lines) if line.text == text)


def _run(
    rule_id: str, text: str, dropped: Sequence[str], config: Config, before: Sequence[str] = ()
) -> tuple[bool, bool]:
    """Remove the lines `before` (as earlier rules would), run the rule, remove the lines
    `dropped` (as rules after it in the pass would): whether it settles then, and whether it acts
    (removes or edits) when run on the pass's output."""
    rule = registry.by_id(rule_id)
    doc = Document.from_text(text, config)
    for line in before:
        doc.remove(_index(doc, line), _OTHER)
    doc.run(rule)
    for line in dropped:
        doc.remove(_index(doc, line), _OTHER)
    assert rule.settles is not None
    settles = rule.settles(doc, rule)
    again = Document.from_text(pipeline.render(doc), config)
    again.run(rule)
    return settles, bool(again.removals) or again.edits > 0


def _check(
    rule_id: str, text: str, dropped: Sequence[str], config: Config | None = None, before: Sequence[str] = ()
) -> None:
    config = config or Config()
    # Without the removal the rule settles, and indeed finds nothing in the output...
    assert _run(rule_id, text, (), config, before) == (True, False)
    # ...with it, the rerun acts, and the rule does not claim to settle.
    assert _run(rule_id, text, dropped, config, before) == (False, True)


_PROSE = "The council met on Monday and voted to close the old bridge for good after years of repairs."
_MORE = "The first protest took place outside the town hall in the rain, and more are planned."


def test_a_date_line_left_above_a_paragraph_goes_once_the_paragraph_goes() -> None:
    text = f"{_PROSE}\n\nMarch 3, 2019\n\n{_MORE}\n"
    _check("NV007", text, [_MORE])


def test_a_date_line_left_below_the_first_sentence_goes_once_that_sentence_goes() -> None:
    text = f"{_PROSE}\n\nToday 12:01 AM\n\n{_MORE}\n"
    _check("ST001", text, [_PROSE])


def test_a_caption_goes_once_the_line_between_it_and_its_credit_goes() -> None:
    text = "Headline\n\nMarchers in Aktau on January 4, 2022.\n\nShort\n\nXinhua News Agency | Getty Images\n\nBody text.\n"
    _check("CR003", text, ["Short"])
    # The line above the credit already removed when the rule ran: next pass the caption is above it.
    config = Config()
    assert _run("CR003", text, (), config, before=["Short"]) == (False, True)


def test_comment_headers_with_text_enough_above_them_go_once_the_first_header_goes() -> None:
    body = " ".join([_PROSE] * 6)
    text = f"Short intro.\nAnna on May 3 at 4:47 pm said:\n{body}\nBen on May 4 at 9:02 am said:\nI disagree.\nCy on May 5 at 1:00 pm said:\nMe too.\n"
    assert _run("CD002", text, ["Anna on May 3 at 4:47 pm said:"], Config()) == (False, True)
    # The headers it left are watched while kept, so it settles only where none is; with one header it does.
    one = f"Short intro.\nAnna on May 3 at 4:47 pm said:\n{body}\n"
    assert _run("CD002", one, [body], Config()) == (True, False)


_TEASERS = (
    "Police Search For Driver After Crash On Main StreetA man was hurt on Tuesday when his car was hit.\n"
    "Storm Leaves Thousands Without Power In The ValleyCrews worked through the night to restore it.\n"
    "City Opens Three New Parks Before SummerThe parks have playgrounds and a small lake for boats.\n"
)
_ARTICLE = (
    "The city council voted on Tuesday to approve a budget that raises spending on parks and libraries.\n"
    "Members said the plan would be paid for by savings in other departments, with no new taxes.\n"
    "Several residents spoke against the plan at the meeting, saying the money should go to roads.\n"
    "The mayor is expected to sign the budget later this week, according to a spokesman for the office.\n"
)
# Menu items three at a time between sentences: clean to content detection until the sentences go.
_SPLIT_MENU = "Gardening\nPuzzles\nLetters\nOne.\nMotoring\nCrosswords\nObituaries\nTwo.\n"


def test_teasers_left_on_a_clean_looking_page_go_once_it_shows_a_menu() -> None:
    _check("CD003", _SPLIT_MENU + _TEASERS + _ARTICLE, ["One."])


def test_counted_lists_left_on_a_clean_looking_page_go_once_it_shows_a_menu() -> None:
    counted = "Blog (2)\nCommunity (4824)\nDiaspora (62)\nSports (311)\n"
    _check("CD004", _SPLIT_MENU + _ARTICLE + counted, ["One."])


def test_content_detection_acts_once_a_long_menu_comes_together() -> None:
    menu = "".join(
        f"{a}\n{b}\n{c}\nSentence {k}.\n"
        for k, (a, b, c) in enumerate(
            [
                ("Gardening", "Puzzles", "Letters"),
                ("Motoring", "Crosswords", "Obituaries"),
                ("Podcasts", "Weather", "Travel"),
                ("Recipes", "Horoscopes", "Games"),
            ]
        )
    )
    _check("CD001", menu + _ARTICLE, [f"Sentence {k}." for k in range(4)])


def test_a_template_label_is_cut_once_the_line_above_it_goes() -> None:
    text = "Breaking\nTOPIC: Leader Tells Troops to Shoot\nThe body of the story.\n"
    _check("HD001", text, ["Breaking"])


def test_a_byline_goes_once_the_sentence_above_it_goes() -> None:
    text = f"{_PROSE}\nBy Jane Doe | Mountain News\n{_MORE}\n"
    _check("HD005", text, [_PROSE])


def test_a_section_label_goes_once_the_line_under_it_goes() -> None:
    headline = "Leader orders troops to fire without warning after days of unrest"
    text = f"Stock Groups\n\n{_PROSE}\n\n{headline}\n\n{_MORE}\n"
    _check("HD002", text, [_PROSE])
    assert _run("HD002", text, [_PROSE], Config(mode=Mode.CONSERVATIVE)) == (True, False)  # off there


def test_an_alt_fragment_goes_once_the_line_beside_it_goes() -> None:
    text = "First paragraph of the story.\n\npresident\nA caption credit here\n\nNeither side ready to give up\n\nMore text.\n"
    _check("HD003", text, ["A caption credit here"])
    # Kept as a list item beside another fragment: it goes when that one does.
    listed = "First paragraph of the story.\n\nsalt\n\npepper\n\nNeither side ready to give up\n"
    _check("HD003", listed, ["pepper"])


def test_a_thread_is_cut_once_the_lines_between_heading_and_bylines_go() -> None:
    long = "The article has a long paragraph here that runs on for more than twenty words, so it reads as prose."
    filler = ["Share this", "Tweet", "Email", "Print"]
    text = (
        f"{long}\n\n2 thoughts on “The article”\n"
        + "\n".join(filler)
        + "\nMarch 3, 2021 at 4:05 pm\nI loved this piece.\n"
    )
    assert _run("TL002", text, filler, Config()) == (False, True)
    # The heading it left is watched while kept, so it settles only where none is: where it cut the thread.
    cut = f"{long}\n\n2 thoughts on “The article”\nMarch 3, 2021 at 4:05 pm\nI loved this piece.\n"
    assert _run("TL002", cut, [], Config()) == (True, False)


def test_an_inline_rule_its_prefilter_ruled_out_is_settled_until_an_edit() -> None:
    inline = inline_rule("ZZ010", "test.inline", "Strips 3x.", [r"\d+x"], ())
    assert inline.prefilter is not None
    doc = Document.from_text("Nothing to strip here.\nNor here.\n", Config())
    doc.run(inline)
    assert doc.ran_at[inline.id] == doc.edits == 0
    doc.edit(0, "Nothing to strip.", " here", _OTHER)
    assert doc.ran_at[inline.id] != doc.edits  # the next pass runs it again


def _pages() -> list[tuple[str, str]]:
    cleaneval = sorted((DEV.parent / "cleaneval-dev" / "raw").glob("*.txt"))
    paths: list[Path] = sorted(FIXTURES.rglob("*.raw.txt")) + dev_files("raw") + cleaneval
    return [(p.name, p.read_text(encoding="utf-8")) for p in paths]


@needs_bench
@pytest.mark.parametrize("mode", list(Mode))
def test_a_pass_skipped_as_settled_would_have_changed_nothing(mode: Mode, monkeypatch: pytest.MonkeyPatch) -> None:
    # On every fixture and dev page of both sets: wherever the pipeline skips a pass, running it
    # (every rule, none skipped as settled) gives the same text; and a clean of the output changes nothing.
    config = Config(mode=mode)
    real = pipeline.next_pass_changes_nothing
    skipped: list[str] = []
    wrong: list[str] = []

    def checked(doc: Document, out: str) -> bool:
        found = real(doc, out)
        if found:
            skipped.append(out)
            if pipeline.render(pipeline._one_pass(out, config)) != out:
                wrong.append(out[:60])
        return found

    monkeypatch.setattr(pipeline, "next_pass_changes_nothing", checked)
    pages = _pages()
    changed = []
    for name, text in pages:
        once = pipeline.clean_text(text, config)
        if pipeline.clean_text(once, config) != once:
            changed.append(name)
    assert not wrong, wrong[:3]
    assert not changed, changed[:5]
    assert len(skipped) > len(pages) // 2  # the proofs hold on most pages, or this checks little
