"""Rule ids named anywhere exist, and rules name no other rule's id: what a rule must know about
other rules it reads from their attributes (Rule.opens_footer, Rule.opens_comments)."""

from __future__ import annotations

import ast
from pathlib import Path

import regex
from material import ROOT

from cleaner import content
from cleaner.config import Config
from cleaner.document import Document, Kind, Rule
from cleaner.registry import BUILTIN, by_id
from cleaner.rules.notes import NOTES

ID = regex.compile(r"\b([A-Z]{2})\d{3}\b")
EXAMPLE_PREFIXES = {"US"}
"""Ids of user rules in the docs' examples ([[tool.cleaner.rules]]); no built-in family has them."""


def _documents() -> list[Path]:
    """Code, docs, notes and benchmarks: everything but the tests, whose made-up rules are their own."""
    found = [*ROOT.joinpath("cleaner").rglob("*.py"), *ROOT.joinpath("bench").glob("*.py")]
    found += [ROOT / "README.md", *ROOT.joinpath("docs").rglob("*.md"), *ROOT.joinpath("fixtures").rglob("*.md")]
    return sorted(p for p in found if p.is_file())


def test_every_rule_id_named_in_code_notes_and_docs_exists() -> None:
    known = {r.id for r in BUILTIN}
    assert not {prefix[:2] for prefix in known} & EXAMPLE_PREFIXES
    missing = [
        f"{path.relative_to(ROOT)}: {m.group(0)}"
        for path in _documents()
        for m in ID.finditer(path.read_text(encoding="utf-8"))
        if m.group(0) not in known and m.group(1) not in EXAMPLE_PREFIXES
    ]
    assert not missing
    assert set(NOTES) <= known


def test_a_rule_module_names_no_other_rule_s_id() -> None:
    # A string that is a rule id, in a module of rules or of content detection, is the id of a rule
    # that module defines (the first argument of its builder); notes.py is keyed by id.
    modules = [*ROOT.joinpath("cleaner", "rules").glob("*.py"), *ROOT.joinpath("cleaner", "content").glob("*.py")]
    assert len(modules) > 10
    for path in modules:
        if path.name == "notes.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        own = {
            node.args[0].value
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
        }
        named = {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and ID.fullmatch(node.value)
        }
        assert named <= own, (path.name, named - own)


ARTICLE = (
    "The council voted on Tuesday to rebuild the old bridge over the river, a project that residents "
    "have asked for since the floods of last spring damaged its eastern pillars beyond repair."
)


def _remover(opens_footer: bool = False, opens_comments: bool = False) -> Rule:
    def apply(doc: Document, rule: Rule) -> None:
        for i, line in doc.iter_content():
            if line.text == "Opener":
                doc.remove(i, rule)

    return Rule(
        "ZZ001",
        "test.opener",
        Kind.LINE,
        "Drops 'Opener'.",
        (),
        apply,
        opens_footer=opens_footer,
        opens_comments=opens_comments,
    )


def test_a_line_removed_by_a_rule_that_opens_the_footer_starts_the_tail_cut() -> None:
    page = f"{ARTICLE}\n\nOpener\n\nMayor Resigns\n\nMan Bites Dog\n"
    kept = {}
    for opens in (False, True):
        doc = Document.from_text(page, Config())
        doc.run(_remover(opens_footer=opens))
        doc.run(by_id("TL001"))
        kept[opens] = [line.text for _, line in doc.iter_content()]
    assert kept == {False: [ARTICLE, "Mayor Resigns", "Man Bites Dog"], True: [ARTICLE]}


def test_a_line_removed_by_a_rule_that_opens_comments_is_a_barrier_for_content_detection() -> None:
    page = f"{ARTICLE}\nOpener\nGreat piece, thanks.\n"
    barriers = {}
    for opens in (False, True):
        doc = Document.from_text(page, Config())
        doc.run(_remover(opens_comments=opens))
        barriers[opens] = content.view(doc).barrier
    assert barriers == {False: [False, False], True: [False, True]}


def test_the_rules_that_tail_and_content_detection_read_declare_it() -> None:
    # Comment forms and headings open both the footer and the comment section.
    for rule_id in ("CM001", "CM002"):
        assert by_id(rule_id).opens_footer and by_id(rule_id).opens_comments
    assert {r.family for r in BUILTIN if r.opens_comments} == {"comments"}
