"""The hooks in .pre-commit-hooks.yaml, run by the real pre-commit (`try-repo`) on a temporary git repository.

pre-commit installs this repository (with uncommitted changes) into an environment of its own;
the dependencies come from the package registry. Each try-repo run installs afresh, so this
test takes some seconds.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


def test_hooks_file_lists_the_fixer_first() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert [h["id"] for h in hooks] == ["cleaner-fix", "cleaner-check"]
    for hook in hooks:
        assert hook["language"] == "python" and hook["types"] == ["text"]
        assert hook["entry"].split()[:2] == ["cleaner", hook["id"].split("-")[1]]
        # Captures only, never source code; and the excludes hold for the files pre-commit names.
        taken = [
            name for name in ["a.txt", "d/b.txt", "tool.py", "setup.cfg", "x.txt.py"] if re.search(hook["files"], name)
        ]
        assert taken == ["a.txt", "d/b.txt"]
        assert "--force-exclude" in hook["entry"].split()


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


# Source code (which cleaner would damage: `import os` reads as debris) and a capture under a build folder.
UNTOUCHED = {"tool.py": "import os\n\n\ndef main():\n    print(os.getcwd())\n", "build/old.txt": ""}


def _try_repo(repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    names = ["dirty.txt", "clean.txt", *UNTOUCHED]
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "cleaner-fix", "--files", *names],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


@pytest.mark.slow  # about 45 s: pre-commit installs the project from the package index
def test_pre_commit_try_repo_fixes_a_dirty_capture_and_then_passes(tmp_path: Path, seeds_dir: Path) -> None:
    repo = tmp_path / "captures"
    repo.mkdir()
    _git(repo, "init", "-q")
    dirty = seeds_dir / "003_768dd6f5783ec3bf.raw.txt"
    clean = seeds_dir / "000_8d22e6c442727b72.expected.txt"
    shutil.copy(dirty, repo / "dirty.txt")
    shutil.copy(clean, repo / "clean.txt")
    (repo / "build").mkdir()
    shutil.copy(dirty, repo / "build" / "old.txt")
    (repo / "tool.py").write_text(UNTOUCHED["tool.py"])
    untouched = {name: (repo / name).read_bytes() for name in UNTOUCHED}
    assert "[ad_1]" in (repo / "dirty.txt").read_text()
    _git(repo, "add", ".")
    env = os.environ | {"PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PRE_COMMIT_COLOR": "never"}

    first = _try_repo(repo, env)
    assert first.returncode == 1, first.stdout + first.stderr
    assert "cleaner fix" in first.stdout and "Failed" in first.stdout
    assert "Fixing dirty.txt" in first.stdout and "clean.txt" not in first.stdout.split("Failed", 1)[1]
    assert (repo / "dirty.txt").read_text() == (seeds_dir / "003_768dd6f5783ec3bf.expected.txt").read_text()
    assert (repo / "clean.txt").read_bytes() == clean.read_bytes()
    assert {name: (repo / name).read_bytes() for name in UNTOUCHED} == untouched

    _git(repo, "add", ".")
    second = _try_repo(repo, env)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout
    assert (repo / "clean.txt").read_bytes() == clean.read_bytes()
