"""The registry owns the rule list: stages set the run order, user rules take their place in it, and
every caller (pipeline, settings, the CLI) gets its rules from there."""

from __future__ import annotations

from pathlib import Path

import regex
from material import FIXTURES
from typer.testing import CliRunner

from cleaner import registry
from cleaner.cli import app
from cleaner.config import Config, UserRule, UserRuleKind
from cleaner.document import Kind, Stage

runner = CliRunner()


def test_built_in_rules_run_stage_by_stage_and_each_family_has_one_stage() -> None:
    stages = [r.stage for r in registry.BUILTIN]
    assert stages == sorted(stages)
    assert set(stages) == set(Stage)
    by_family: dict[str, set[Stage]] = {}
    for r in registry.BUILTIN:
        by_family.setdefault(r.family, set()).add(r.stage)
    assert all(len(s) == 1 for s in by_family.values()), by_family
    # The kind does not set the order: line rules run in the phrase, article and head stages.
    assert {r.stage for r in registry.BUILTIN if r.kind is Kind.LINE} == {Stage.PHRASE, Stage.ARTICLE, Stage.HEAD}
    assert by_family["content"] == {Stage.CONTENT}


def test_user_rules_run_in_the_phrase_stage_after_the_built_in_rules_of_their_kind() -> None:
    user = (
        UserRule("US001", "user.one", UserRuleKind.LINE, ("Support us",)),
        UserRule("US002", "user.two", UserRuleKind.INLINE, (r"\[promo\]",)),
        UserRule("US003", "user.three", UserRuleKind.LINE, ("Donate",)),
    )
    rules = registry.all_rules(Config(rules=user))
    ids = [r.id for r in rules]
    phrase = [r for r in rules if r.stage is Stage.PHRASE]
    assert [r.id for r in phrase[-2:]] == ["US001", "US003"]  # line rules close the stage, in config order
    assert ids.index("US003") < ids.index(next(r.id for r in rules if r.stage is Stage.CONTENT))
    inline = [r.id for r in phrase if r.kind is Kind.INLINE]
    assert inline[-1] == "US002"
    assert ids[ids.index("US002") - 1] == inline[-2]  # right after the last built-in inline rule
    assert [r for r in rules if r.id[:2] != "US"] == list(registry.BUILTIN)


def test_a_user_line_rule_takes_a_line_before_content_detection_judges_it(tmp_path: Path) -> None:
    # A line content detection removes is the user rule's when the user names it: the user rule ran
    # first. (Before stages, user line rules ran after content detection, which took the line.)
    page = tmp_path / "page.txt"
    page.write_text((FIXTURES / "content" / "menus_footer.raw.txt").read_text(encoding="utf-8"), encoding="utf-8")
    before = runner.invoke(app, ["explain", str(page), "--config", str(_config(tmp_path, None))])
    assert before.exit_code == 0, before.output
    taken = [row.split(None, 3) for row in before.stdout.splitlines() if " CD001 " in row]
    assert taken, before.stdout
    line = taken[0][3]
    after = runner.invoke(app, ["explain", str(page), "--config", str(_config(tmp_path, line))])
    assert after.exit_code == 0, after.output
    row = next(r.split(None, 3) for r in after.stdout.splitlines() if r.split(None, 1)[0] == taken[0][0])
    assert row[1:] == ["US001", "user.us001", line]


def _config(folder: Path, line: str | None) -> Path:
    path = folder / ("user.toml" if line else "plain.toml")
    rule = f'[[rules]]\nid = "US001"\nkind = "line"\npatterns = ["{regex.escape(line)}"]\n' if line else ""
    path.write_text(f'mode = "default"\n{rule}', encoding="utf-8")
    return path


def test_settings_cli_and_pipeline_see_the_registry_s_list(tmp_path: Path) -> None:
    config = tmp_path / "cleaner.toml"
    config.write_text(
        '[[rules]]\nid = "US001"\nkind = "line"\npatterns = ["Thanks for reading the Gazette"]\n', encoding="utf-8"
    )
    listed = runner.invoke(app, ["rules", "--config", str(config)])
    assert listed.exit_code == 0, listed.output
    user = UserRule("US001", "user.us001", UserRuleKind.LINE, ("Thanks for reading the Gazette",))
    want = [r.id for r in registry.all_rules(Config(rules=(user,)))]
    assert [row.split()[0] for row in listed.stdout.splitlines()] == want
    ignored = runner.invoke(app, ["explain", str(_page(tmp_path)), "--config", str(config), "--ignore", "US001"])
    assert ignored.exit_code == 0 and "US001" not in ignored.stdout
    used = runner.invoke(app, ["explain", str(_page(tmp_path)), "--config", str(config)])
    assert "US001" in used.stdout


def _page(folder: Path) -> Path:
    page = folder / "p.txt"
    page.write_text(
        "The council met on Tuesday to discuss the bridge.\nThanks for reading the Gazette\n", encoding="utf-8"
    )
    return page
