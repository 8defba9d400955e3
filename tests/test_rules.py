"""The registry is well formed and every rule's own examples hold."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from material import FIXTURES, dev_files, needs_bench

from cleaner import Config, clean_and_explain, clean_text
from cleaner.document import Kind
from cleaner.registry import BUILTIN, UnknownRuleError, select

RULE_IDS = [r.id for r in BUILTIN]


def test_ids_and_names_are_unique_and_well_formed() -> None:
    assert len(set(RULE_IDS)) == len(RULE_IDS)
    assert len({r.name for r in BUILTIN}) == len(BUILTIN)
    for r in BUILTIN:
        assert re.fullmatch(r"[A-Z]{2}\d{3}", r.id), r.id
        assert re.fullmatch(r"[a-z]+\.[a-z-]+", r.name), r.name
        assert r.description and "\n" not in r.description
        assert r.examples, f"{r.id} has no example"
        assert isinstance(r.kind, Kind)


@pytest.mark.parametrize("rule", BUILTIN, ids=RULE_IDS)
def test_rule_examples(rule: object) -> None:
    from cleaner.document import Rule

    assert isinstance(rule, Rule)
    for ex in rule.examples:
        assert clean_text(ex.raw) == ex.expected
        assert clean_text(ex.expected) == ex.expected


@pytest.mark.parametrize("rule", [r for r in BUILTIN if r.kind is not Kind.WHITESPACE], ids=lambda r: r.id)
def test_rule_examples_depend_on_the_rule(rule: object) -> None:
    """Where an example removes something, it is this rule that removes it."""
    from cleaner.document import Rule

    assert isinstance(rule, Rule)
    changing = [ex for ex in rule.examples if ex.raw != ex.expected]
    assert changing, f"{rule.id} has no example that removes anything"
    for ex in changing:
        assert any(r.rule_id == rule.id for r in clean_and_explain(ex.raw).removals)


def test_select_and_ignore_by_id_name_and_family() -> None:
    assert [r.id for r in select(BUILTIN, ("AD001",))] == ["AD001"]
    assert {r.id for r in select(BUILTIN, ("comments",))} == {"CM001", "CM002"}
    assert "NV002" not in {r.id for r in select(BUILTIN, (), ("navigation.related",))}
    assert {r.id for r in select(BUILTIN, ("CM",))} == {"CM001", "CM002"}
    with pytest.raises(UnknownRuleError):
        select(BUILTIN, ("XX999",))


def test_ignored_rule_keeps_its_lines() -> None:
    raw = "Body of the story.\n\n[ad_1]\n\nLeave a Reply\n"
    assert clean_text(raw) == "Body of the story.\n"
    assert clean_text(raw, Config(ignore=("CM001",))) == "Body of the story.\n\nLeave a Reply\n"


def test_removals_name_rule_and_input_lines() -> None:
    raw = "Headline Of The Story Here\n\nBody of the story goes on.\n\nLeave a Reply\nYour email address will not be published.\n"
    removals = clean_and_explain(raw).removals
    assert [(r.rule_id, r.first_line, r.text) for r in removals] == [
        ("CM001", 5, "Leave a Reply"),
        ("CM002", 6, "Your email address will not be published."),
    ]


def test_whitespace_normalisation() -> None:
    assert clean_text("One.\r\n\r\n\r\nTwo.\u00a0\r\n") == "One.\n\nTwo.\n"
    assert clean_text("") == ""
    assert clean_text("\n\n  \n") == ""


def test_thresholds_from_config_override_rule_defaults() -> None:
    raw = "Stock Groups Today Now\n\nLeader orders troops to fire without warning after unrest\n\nIn a violent crackdown, the leader has directed the forces to fire at will.\n"
    assert clean_text(raw).startswith("Stock Groups Today Now\n")
    cfg = Config(thresholds={"HD002.max-label-words": 4})
    assert clean_text(raw, cfg).startswith("Leader orders")
    assert clean_text(raw, Config(thresholds={"head.section-label.max-label-words": 4})).startswith("Leader orders")


def test_every_rule_family_has_three_fixture_cases_and_a_negative_one() -> None:
    """A negative case is one the rules must leave exactly as it is."""

    for family in sorted({r.family for r in BUILTIN} - {"content"}):
        folder = FIXTURES / family
        pairs = [
            (p, p.with_name(p.name.replace(".raw.txt", ".expected.txt"))) for p in sorted(folder.glob("*.raw.txt"))
        ]
        assert len(pairs) >= 3, f"{folder} has fewer than three cases"
        if family != "whitespace":
            assert any(r.read_bytes() == e.read_bytes() for r, e in pairs), f"{folder} has no negative case"


def test_keep_captions_keeps_the_caption_and_cuts_the_credit() -> None:
    raw = (
        "Headline of the story here\n\n"
        "The lighthouse was built in 1874. Photograph: Anna Berg/Reuters\n"
        "Image caption Volunteers filled sandbags through the night\n"
        "2of5Sandbags stacked along the harbour wall on Sunday.\n\n"
        "Marchers in the square on Monday morning.\n\nJane Doe | AFP | Getty Images\n\n"
        "The body of the story goes on for a while.\n"
    )
    assert clean_text(raw) == "Headline of the story here\n\nThe body of the story goes on for a while.\n"
    kept = clean_text(raw, Config(keep_captions=True))
    assert kept == (
        "Headline of the story here\n\n"
        "The lighthouse was built in 1874.\n"
        "Volunteers filled sandbags through the night\n"
        "Sandbags stacked along the harbour wall on Sunday.\n\n"
        "Marchers in the square on Monday morning.\n\n"
        "The body of the story goes on for a while.\n"
    )
    assert clean_text(kept, Config(keep_captions=True)) == kept


def test_a_share_bar_above_the_headline_does_not_open_the_tail() -> None:
    raw = "Share this:\nFerry service resumes\n\nNew timetable\n\nBoats will leave every hour from seven.\n"
    assert clean_text(raw) == "Ferry service resumes\n\nNew timetable\n\nBoats will leave every hour from seven.\n"


def test_conservative_mode_keeps_what_only_position_marks_as_debris() -> None:
    from cleaner.config import Mode

    raw = (
        "Paradise Lost\n\nHow a small island lost its beaches to the rising sea in a decade\n\n"
        "The island has lost nearly a third of its beaches since 2010, a new survey by scientists found.\n\n"
        "Rescue boats in the flooded harbour on Sunday morning.\n\nJane Doe | AFP | Getty Images\n\n"
        "Residents say the change has been faster than anyone expected.\n"
    )
    conservative = clean_text(raw, Config(mode=Mode.CONSERVATIVE))
    assert conservative.startswith("Paradise Lost\n")
    assert "Rescue boats in the flooded harbour" in conservative
    assert "Getty Images" not in conservative  # the credit line itself is known debris
    assert "Rescue boats in the flooded harbour" not in clean_text(raw)  # CR003 acts in the other modes


def test_keep_captions_and_conservative_mode_from_the_cli(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from cleaner.cli import app

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(
        "Paradise Lost\n\nHow a small island lost its beaches to the rising sea in a decade\n\n"
        "The island has lost nearly a third of its beaches since 2010, a new survey by scientists found.\n"
        "The harbour at dawn. Photograph: Anna Berg/Reuters\n\nShare this:\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["clean", str(src), "-o", str(out), "--keep-captions", "--mode", "conservative"])
    assert result.exit_code == 0, result.output
    assert (out / "a.txt").read_text(encoding="utf-8") == (
        "Paradise Lost\n\nHow a small island lost its beaches to the rising sea in a decade\n\n"
        "The island has lost nearly a third of its beaches since 2010, a new survey by scientists found.\n"
        "The harbour at dawn.\n"
    )


@needs_bench
def test_a_second_pass_changes_nothing_on_full_page_captures() -> None:
    """Head rules read the lines around the headline: they must see what content detection keeps."""
    pages = dev_files("raw")
    for page in pages:
        once = clean_text(page.read_text(encoding="utf-8"))
        assert clean_text(once) == once, page.name


@pytest.mark.parametrize("keep_captions", [False, True])
@pytest.mark.parametrize("mode", ["conservative", "default", "precision", "recall"])
def test_fixtures_are_idempotent_in_every_mode(mode: str, keep_captions: bool) -> None:
    from cleaner.config import Mode

    cfg = Config(mode=Mode(mode), keep_captions=keep_captions)
    for raw in sorted(FIXTURES.rglob("*.raw.txt")):
        once = clean_text(raw.read_text(encoding="utf-8"), cfg)
        assert clean_text(once, cfg) == once, raw.name
