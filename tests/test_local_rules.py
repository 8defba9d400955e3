"""Local rules (Rule.local) are not run again on a page where no line was edited since their last
run, and they are run again after an edit; the rules marked local never edit."""

from __future__ import annotations

from pathlib import Path

from cleaner import registry
from cleaner.config import Config
from cleaner.model import Document, Kind, Rule

ROOT = Path(__file__).resolve().parent.parent


def _counting_rule(calls: list[int], local: bool) -> Rule:
    def apply(doc: Document, rule: Rule) -> None:
        calls.append(doc.edits)
        for i, line in doc.iter_content():
            if line.text == "drop me":
                doc.remove(i, rule)

    return Rule("ZZ001", "test.drop", Kind.LINE, "Drops 'drop me'.", (), apply, local=local)


def test_a_local_rule_runs_again_only_after_an_edit() -> None:
    calls: list[int] = []
    rule = _counting_rule(calls, local=True)
    doc = Document.from_text("keep\ndrop me!\nkeep too\n", Config())
    doc.run(rule)
    doc.run(rule)
    assert calls == [0]
    doc.edit(1, "drop me", "!", rule)
    doc.run(rule)
    assert calls == [0, 1]
    assert [ln.text for ln in doc.lines if ln.kept] == ["keep", "keep too"]


def test_a_rule_not_marked_local_runs_every_time() -> None:
    calls: list[int] = []
    rule = _counting_rule(calls, local=False)
    doc = Document.from_text("keep\ndrop me\n", Config())
    doc.run(rule)
    doc.run(rule)
    assert calls == [0, 0]


def test_local_rules_never_edit() -> None:
    local = [r for r in registry.BUILTIN if r.local]
    assert len(local) > 10
    pages = sorted((ROOT / "fixtures").rglob("*.raw.txt"))
    assert pages
    for path in pages:
        text = path.read_text(encoding="utf-8")
        for keep_captions in (False, True):
            doc = Document.from_text(text, Config(keep_captions=keep_captions))
            for rule in local:
                rule.apply(doc, rule)
                assert doc.edits == 0, (rule.id, path.name)
