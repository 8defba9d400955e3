"""Rules that rerun only after edits (Rule.rerun_only_after_edits) are not run again on a page where no line was
edited since their last run, and they are run again after an edit; such a rule finds nothing new in
a second run after other rules removed lines."""

from __future__ import annotations

from itertools import product
from pathlib import Path

import pytest
from material import DEV, FIXTURES, dev_files

from cleaner import pipeline, registry
from cleaner.config import Config, Mode
from cleaner.document import Document, Kind, Rule


def _counting_rule(calls: list[int], after_edits: bool) -> Rule:
    def apply(doc: Document, rule: Rule) -> None:
        calls.append(doc.edits)
        for i, line in doc.iter_content():
            if line.text == "drop me":
                doc.remove(i, rule)

    return Rule("ZZ001", "test.drop", Kind.LINE, "Drops 'drop me'.", (), apply, rerun_only_after_edits=after_edits)


def test_a_rule_that_reruns_only_after_edits_runs_again_only_after_an_edit() -> None:
    calls: list[int] = []
    rule = _counting_rule(calls, after_edits=True)
    doc = Document.from_text("keep\ndrop me!\nkeep too\n", Config())
    doc.run(rule)
    doc.run(rule)
    assert calls == [0]
    doc.edit(1, "drop me", "!", rule)
    doc.run(rule)
    assert calls == [0, 1]
    assert [ln.text for ln in doc.lines if ln.kept] == ["keep", "keep too"]


def test_a_rule_not_so_marked_runs_every_time() -> None:
    calls: list[int] = []
    rule = _counting_rule(calls, after_edits=False)
    doc = Document.from_text("keep\ndrop me\n", Config())
    doc.run(rule)
    doc.run(rule)
    assert calls == [0, 0]


def _pages() -> list[Path]:
    return sorted(FIXTURES.rglob("*.raw.txt")) + dev_files("raw")


def _second_run_finds(rule: Rule, text: str, config: Config, step: int) -> list[int]:
    """Run `rule`, drop every `step`-th line it left (as content detection drops lines), and run it
    again unless it edited: the lines the second run removes."""
    doc = Document.from_text(text, config)
    rule.apply(doc, rule)
    if doc.edits:
        return []  # Document.run runs it again after an edit, so nothing to check
    other = Rule("ZZ002", "test.other", Kind.CONTENT, "Drops lines.", (), lambda d, r: None)
    for i in doc.content_indices()[step - 1 :: step]:
        doc.remove(i, other)
    before = {i for i, ln in enumerate(doc.lines) if ln.removed_by == rule.id}
    rule.apply(doc, rule)
    return [i for i, ln in enumerate(doc.lines) if ln.removed_by == rule.id and i not in before]


def test_a_rule_that_reruns_only_after_edits_finds_nothing_new_after_removals() -> None:
    rules = [r for r in registry.BUILTIN if r.rerun_only_after_edits]
    assert len(rules) > 10
    pages = _pages()
    assert pages
    for path in pages:
        text = path.read_text(encoding="utf-8")
        for keep_captions, step in product((False, True), (2, 3)):
            config = Config(keep_captions=keep_captions)
            for rule in rules:
                assert not _second_run_finds(rule, text, config, step), (rule.id, path.name, keep_captions, step)


def _finds_in_what_is_left(rule: Rule, text: str, config: Config, step: int) -> list[str]:
    """Run `rule`, drop every `step`-th line it left, and run it on the text of the lines left (as
    the pipeline's next pass gets it) unless it edited: what that run removes."""
    doc = Document.from_text(text, config)
    rule.apply(doc, rule)
    if doc.edits:
        return []  # the pipeline runs it in the next pass after an edit
    dropped = set(doc.content_indices()[step - 1 :: step])
    left = "".join(ln.text + "\n" for i, ln in enumerate(doc.lines) if ln.kept and i not in dropped)
    again = Document.from_text(left, config)
    rule.apply(again, rule)
    return [r.text for r in again.removals]


def test_a_rule_that_reruns_only_after_edits_finds_nothing_in_the_text_it_left() -> None:
    # The pipeline's second pass does not run a rule that reruns only after edits and judged every line of the first
    # pass's output as it is (pipeline._passes): the text it left, less lines others removed.
    rules = [r for r in registry.BUILTIN if r.rerun_only_after_edits]
    for path in _pages():
        text = path.read_text(encoding="utf-8")
        for keep_captions, step in product((False, True), (2, 3)):
            config = Config(keep_captions=keep_captions)
            for rule in rules:
                assert not _finds_in_what_is_left(rule, text, config, step), (rule.id, path.name, keep_captions, step)


def test_the_check_catches_a_rule_that_reads_its_neighbours() -> None:
    # NV007 drops a date line when no paragraph follows it; dropping the paragraph changes that.
    rule = registry.by_id("NV007")
    assert not rule.rerun_only_after_edits
    text = "The council met on Monday and voted to close the old bridge for good.\n\nMarch 3, 2019\n\nThe first protest took place outside the town hall in the rain.\n"
    assert _second_run_finds(rule, text, Config(), 3)
    assert _finds_in_what_is_left(rule, text, Config(), 3)


def test_passes_that_skip_settled_rules_clean_as_passes_that_run_them(monkeypatch: pytest.MonkeyPatch) -> None:
    # The later passes skip the rules settled in the pass before (pipeline._passes): on every
    # fixture and dev page of both sets (conservative mode; default mode on the fixtures and news
    # pages), the result and its removals are what running every rule in every pass gives.
    cleaneval = sorted((DEV.parent / "cleaneval-dev" / "raw").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in _pages()]
    runs = [(Mode.CONSERVATIVE, texts + [p.read_text(encoding="utf-8") for p in cleaneval]), (Mode.DEFAULT, texts)]
    want = {mode: [pipeline.clean_and_explain(t, Config(mode=mode)) for t in pages] for mode, pages in runs}
    real = pipeline._one_pass
    monkeypatch.setattr(pipeline, "_one_pass", lambda text, config, settled=frozenset(): real(text, config))
    for mode, pages in runs:
        for text, expected in zip(pages, want[mode], strict=True):
            assert pipeline.clean_and_explain(text, Config(mode=mode)) == expected, (mode, text[:60])
