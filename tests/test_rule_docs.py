"""`cleaner rule ID` and docs/rules.md: every rule says what it removes, why, and where it misfires."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from material import ROOT
from typer.testing import CliRunner

from cleaner import registry
from cleaner.cli import app

runner = CliRunner()


def test_rule_shows_name_kind_description_rationale_misfires_and_examples() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "cleaner", "rule", "AD001"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    ad001 = registry.by_id("AD001")
    text = " ".join(proc.stdout.split())
    assert proc.stdout.startswith("AD001  ads.shortcode  (inline, phrase stage)\n")
    for part in (ad001.description, ad001.rationale, *ad001.misfires):
        assert " ".join(part.split()) in text, part
    assert "Why:" in proc.stdout and "Known misfires:" in proc.stdout
    assert "[ad_1]" in proc.stdout and "Example 1, before:" in proc.stdout and "after:" in proc.stdout


def test_rule_takes_a_name_or_a_lowercase_id_and_refuses_an_unknown_one() -> None:
    by_name = runner.invoke(app, ["rule", "head.section-label"])
    assert by_name.exit_code == 0 and by_name.stdout.startswith("HD002  head.section-label  (head, head stage)")
    assert "HD002.max-label-words = 3" in by_name.stdout  # its thresholds
    assert runner.invoke(app, ["rule", "cm001"]).stdout.startswith("CM001 ")
    unknown = runner.invoke(app, ["rule", "ZZ999"])
    assert unknown.exit_code == 2 and "ZZ999" in unknown.stderr


def test_every_built_in_rule_says_why_it_exists_and_where_it_misfires() -> None:
    for rule in registry.BUILTIN:
        assert len(rule.rationale) > 40, rule.id
        assert rule.misfires and all(len(m) > 20 for m in rule.misfires), rule.id


def test_docs_rules_md_is_generated_from_the_registry() -> None:
    generated = runner.invoke(app, ["rules", "--format", "markdown"]).stdout
    on_disk = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert on_disk == generated, "docs/rules.md is stale: run `cleaner rules --format markdown > docs/rules.md`"
    for rule in registry.BUILTIN:
        assert f"## {rule.id}" in on_disk


def test_rule_docs_show_a_configured_user_rule(tmp_path: Path) -> None:
    config = tmp_path / "cleaner.toml"
    config.write_text('[[rules]]\nid = "US001"\nkind = "line"\npatterns = ["Support us.*"]\n')
    result = runner.invoke(app, ["rule", "US001", "--config", str(config)])
    assert result.exit_code == 0 and "not documented" in result.stdout
