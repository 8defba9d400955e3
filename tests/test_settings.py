"""Configuration through the real CLI: [tool.cleaner] found by walking up, --config, overrides, bad configs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli import app

runner = CliRunner()

SEED_003 = "003_768dd6f5783ec3bf"
CAPTION = "Marches were held in protest"


@pytest.fixture
def project(tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a capture in a nested sub-folder; the current folder is the sub-folder."""
    sub = tmp_path / "proj" / "captures" / "2024"
    sub.mkdir(parents=True)
    shutil.copy(seeds_dir / f"{SEED_003}.raw.txt", sub / "story.txt")
    monkeypatch.chdir(sub)
    return tmp_path / "proj"


def _pyproject(project: Path, body: str) -> None:
    (project / "pyproject.toml").write_text(f'[project]\nname = "captures"\n\n[tool.cleaner]\n{body}')


def _cleaned(*args: str) -> str:
    result = runner.invoke(app, ["clean", "story.txt", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_defaults_without_any_config(project: Path) -> None:
    out = _cleaned()
    assert "[ad_1]" not in out and "Stock Groups" not in out and CAPTION not in out


def test_nearest_pyproject_walking_up_selects_and_ignores(project: Path) -> None:
    _pyproject(project, 'ignore = ["ads.shortcode", "credits", "HD"]\n')
    out = _cleaned()
    assert "[ad_1]" in out  # by name
    assert "Getty Images" in out and CAPTION in out  # by family
    assert "Stock Groups" in out  # by id prefix
    # a pyproject.toml without [tool.cleaner] in between is passed over, as ruff does
    (project / "captures" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert "[ad_1]" in _cleaned()


def test_command_line_select_and_ignore_replace_the_configured_lists(project: Path) -> None:
    _pyproject(project, 'ignore = ["AD001"]\nselect = ["ads", "credits"]\n')
    out = _cleaned()
    assert "[ad_1]" in out and "Getty Images" not in out and "Stock Groups" in out
    out = _cleaned("--ignore", "credits")
    assert "[ad_1]" not in out and "Getty Images" in out
    out = _cleaned("--select", "CR001")  # the configured ignore still applies
    assert "Getty Images" not in out and CAPTION in out and "[ad_1]" in out


def test_config_file_option_takes_a_plain_toml_file(project: Path, tmp_path: Path) -> None:
    _pyproject(project, 'ignore = ["AD001"]\n')
    other = tmp_path / "cleaner.toml"
    other.write_text('ignore = ["credits"]\n')
    out = _cleaned("--config", str(other))
    assert "[ad_1]" not in out and "Getty Images" in out


def test_keep_captions_from_config_and_flag(project: Path) -> None:
    assert CAPTION not in _cleaned()
    assert CAPTION in _cleaned("--keep-captions")
    _pyproject(project, "keep-captions = true\n")
    assert CAPTION in _cleaned()


def test_thresholds_reach_the_heuristic_rules(project: Path) -> None:
    assert "Stock Groups" not in _cleaned()  # two words: a section label at the default of 3
    _pyproject(project, '[tool.cleaner.thresholds]\n"HD002.max-label-words" = 1\n')
    assert "Stock Groups" in _cleaned()
    _pyproject(project, '[tool.cleaner.thresholds]\n"head.section-label.max-label-words" = 1\n')
    assert "Stock Groups" in _cleaned()


def test_mode_and_max_removal_are_read(project: Path) -> None:
    _pyproject(project, 'mode = "conservative"\nmax-removal = 0.01\n')
    result = runner.invoke(app, ["check", "story.txt"])
    assert result.exit_code == 1 and "more than --max-removal 0.01" in result.stderr
    result = runner.invoke(app, ["check", "story.txt", "--max-removal", "0.5", "--mode", "recall"])
    assert result.exit_code == 1 and "Would fix story.txt" in result.stdout


USER_RULES = """
[[tool.cleaner.rules]]
id = "US001"
name = "user.support-pitch"
kind = "line"
patterns = ["Support (?:our|independent) journalism.*"]
description = "Donation pitches of the sites we scrape."

[[tool.cleaner.rules]]
id = "US002"
kind = "inline"
patterns = ['\\{\\{[a-z_]+\\}\\}']
"""


def test_user_rules_run_and_are_named_by_explain_and_rules(project: Path) -> None:
    _pyproject(project, USER_RULES)
    story = Path("story.txt")
    story.write_text(
        "Headline of the story\n\nThe body says {{promo_box}} what happened.\n\n"
        "Support our journalism today!\n\nThe end of the story is here.\n"
    )
    out = _cleaned()
    assert out == "Headline of the story\n\nThe body says what happened.\n\nThe end of the story is here.\n"
    explained = runner.invoke(app, ["explain", "story.txt"]).stdout
    assert "US001 user.support-pitch" in explained and "Support our journalism today!" in explained
    assert "US002 user.us002" in explained and "{{promo_box}}" in explained
    listed = runner.invoke(app, ["rules"]).stdout.splitlines()
    ids = [line.split()[0] for line in listed]
    assert "US001" in ids and "US002" in ids
    assert "Donation pitches" in listed[ids.index("US001")]
    # each runs right after the built-in rules of its kind
    assert listed[ids.index("US002") - 1].split()[2] == "inline"
    assert listed[ids.index("US002") + 1].split()[2] != "inline"
    assert listed[ids.index("US001") + 1].split()[2] != "line"
    # and they can be ignored like any rule
    assert "Support our journalism" in _cleaned("--ignore", "US001")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("colour = true\n", "unknown key(s) colour"),
        ('ignore = ["ZZ999"]\n', "unknown rule selector(s): ZZ999"),
        ('select = ["nosuchfamily"]\n', "nosuchfamily"),
        ('mode = "aggressive"\n', "mode must be one of"),
        ("max-removal = 1.5\n", "max-removal"),
        ('[tool.cleaner.thresholds]\n"HD002.max-words" = 2\n', "unknown threshold 'HD002.max-words'"),
        ('[tool.cleaner.thresholds]\n"HD002.max-label-words" = "two"\n', "must be a number"),
        ('[[tool.cleaner.rules]]\nid = "US001"\nkind = "line"\npatterns = ["(unclosed"]\n', "does not compile"),
        ('[[tool.cleaner.rules]]\nid = "AD001"\nkind = "line"\npatterns = ["x"]\n', "AD001 is already taken"),
        ('[[tool.cleaner.rules]]\nid = "US001"\nkind = "block"\npatterns = ["x"]\n', "kind must be"),
        ('[[tool.cleaner.rules]]\nid = "US001"\nkind = "line"\npattern = ["x"]\n', "unknown key(s) pattern"),
        ("ignore = [\n", "not valid TOML"),
    ],
)
def test_a_bad_config_stops_before_any_file_is_touched(project: Path, body: str, message: str) -> None:
    _pyproject(project, body)
    story = Path("story.txt")
    before = story.read_bytes()
    for command in ("fix", "check", "clean"):
        result = runner.invoke(app, [command, "story.txt"])
        assert result.exit_code == 2, (command, result.output)
        assert message in result.stderr and "pyproject.toml" in result.stderr
        assert "Traceback" not in result.output and result.stdout == ""
    assert story.read_bytes() == before


def test_a_bad_command_line_selector_is_exit_2(project: Path) -> None:
    result = runner.invoke(app, ["fix", "story.txt", "--select", "QQ1"])
    assert result.exit_code == 2 and "QQ1" in result.stderr


def test_missing_config_file_is_exit_2(project: Path) -> None:
    result = runner.invoke(app, ["check", "story.txt", "--config", "nope.toml"])
    assert result.exit_code == 2 and "nope.toml" in result.stderr
