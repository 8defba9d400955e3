"""cleaner as a datatrove pipeline step, run by datatrove's own executor (`pip install 'cleaner[datatrove]'`).

Each corpus goes through a real `LocalPipelineExecutor` (JsonlReader -> CleanerFilter -> JsonlWriter,
several tasks, 2 workers) and through the real `cleaner clean` on the same JSONL: the texts must
be the same bytes, every document must come out or be counted as dropped, and the per-rule counts
in datatrove's stats must be the CLI report's.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from htmlpages import news_page
from material import DEV, FIXTURES, dev_files

pytest.importorskip("datatrove", reason="datatrove is not installed (pip install -e '.[datatrove]')")

from datatrove.data import Document
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter
from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.config import Config, Mode
from cleaner.integrations.datatrove import CHANGED, EMPTY, REMOVED_PREFIX, CleanerFilter

# Made for these tests: a page of nothing but share buttons (all of it debris), and a blank record.
DEBRIS_ONLY = "Share this:\nTwitter\nFacebook\nLike this:\nLike Loading...\nRelated\n"
BLANK = " \n\n \n"


def records_from(files: Sequence[Path]) -> list[dict[str, Any]]:
    """One record per capture, with fields besides the text that the step must leave alone."""
    return [
        {"id": f"{path.parent.name}/{path.name}", "text": path.read_text(encoding="utf-8"), "source": "capture", "n": n}
        for n, path in enumerate(files)
    ]


def write_shards(records: Sequence[dict[str, Any]], folder: Path, shards: int) -> None:
    folder.mkdir(parents=True)
    for s in range(shards):
        with (folder / f"shard{s}.jsonl").open("w", encoding="utf-8") as handle:
            for record in records[s::shards]:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def cli_clean(folder: Path, out: Path, cwd: Path) -> tuple[dict[str, str], dict[str, int]]:
    """Texts by id and lines removed per rule, from the real `cleaner clean` over the same shards."""
    subprocess.run(
        [sys.executable, "-m", "cleaner", "clean", str(folder), "-o", str(out), "--report", str(out / "report.json")],
        cwd=cwd,
        check=True,
        capture_output=True,
    )
    texts = {r["id"]: r["text"] for path in sorted(out.glob("*.jsonl")) for r in read_jsonl(path)}
    removed = json.loads((out / "report.json").read_text(encoding="utf-8"))["totals"]["lines_removed"]
    return texts, removed


def pipeline(source: Path, target: Path, step: CleanerFilter) -> list[Any]:
    return [JsonlReader(str(source)), step, JsonlWriter(str(target))]


def merged_stats(logs: Path, cwd: Path) -> dict[str, Any]:
    """datatrove's `merge_stats` over the tasks' stats files: the cleaner step's stats, by name."""
    merged = cwd / "merged_stats.json"
    tool = Path(sys.executable).with_name("merge_stats")
    subprocess.run([str(tool), str(logs / "stats"), "-o", str(merged)], check=True, capture_output=True)
    steps = json.loads(merged.read_text(encoding="utf-8"))
    (step,) = [s for s in steps if s["name"] == f"{CleanerFilter.type}: {CleanerFilter.name}"]
    return dict(step["stats"])


def total(value: Any) -> int:
    """A stat's total: datatrove writes a bare number when every update added 1."""
    return int(value["total"] if isinstance(value, dict) else value)


def check_corpus(
    tmp_path: Path, records: list[dict[str, Any]], tasks: int, step: CleanerFilter
) -> tuple[Path, dict[str, Any]]:
    """Run `records` through the executor and the CLI; check that both agree. Returns the logs folder and the stats.
    Workers fork: datatrove's own default (forkserver) imports datatrove afresh in each worker,
    seconds on a busy machine; tests/test_scale_out_docs.py runs the documented pipelines with it."""
    write_shards(records, tmp_path / "in", tasks)
    logs, out = tmp_path / "logs", tmp_path / "out"
    executor = LocalPipelineExecutor(
        pipeline(tmp_path / "in", out, step), tasks=tasks, workers=2, logging_dir=str(logs), start_method="fork"
    )
    executor.run()

    expected, cli_removed = cli_clean(tmp_path / "in", tmp_path / "cli", tmp_path)
    written = {r["id"]: r for path in sorted(out.glob("*.jsonl.gz")) for r in read_jsonl(path)}
    stats = merged_stats(logs, tmp_path)

    # Every document comes out with the CLI's text, or was dropped because the CLI left it empty.
    emptied = {i for i, text in expected.items() if not text.strip()}
    assert set(written) == set(expected) - emptied
    assert {i: r["text"] for i, r in written.items()} == {i: expected[i] for i in written}
    assert total(stats["total"]) == len(records)
    assert total(stats.get("dropped", 0)) == total(stats.get(f"dropped_{EMPTY}", 0)) == len(emptied)
    # The rest of each record is as it came (the reader adds the file's path).
    originals = {r["id"]: r for r in records}
    for doc_id, record in written.items():
        extra = {k: v for k, v in originals[doc_id].items() if k not in ("id", "text")}
        assert {k: v for k, v in record["metadata"].items() if k != "file_path"} == extra
    # The stats name each rule and count what the CLI's report counts.
    by_rule = {
        name.removeprefix(REMOVED_PREFIX): total(v) for name, v in stats.items() if name.startswith(REMOVED_PREFIX)
    }
    assert {name.split()[0]: n for name, n in by_rule.items()} == cli_removed
    assert all(len(name.split()) == 2 for name in by_rule)  # "<id> <dotted.name>"
    changed = sum(expected[r["id"]] != r["text"] for r in records)
    assert total(stats.get(CHANGED, 0)) == changed > 0
    return logs, stats


def test_fixture_captures_through_local_executor_match_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Settings from [tool.cleaner], as the CLI reads them in the same folder. With no valve, a page of
    # nothing but debris is emptied (by both), and so is dropped by the step and counted.
    (tmp_path / "pyproject.toml").write_text("[tool.cleaner]\nmax-removal = 1.0\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    files = sorted(FIXTURES.rglob("*.raw.txt"))[::4]
    records = records_from(files)
    records += [{"id": "made/debris", "text": DEBRIS_ONLY}, {"id": "made/blank", "text": BLANK, "tags": ["a", "b"]}]

    logs, stats = check_corpus(tmp_path, records, tasks=3, step=CleanerFilter())
    assert total(stats[f"dropped_{EMPTY}"]) == 2

    # A rerun skips finished tasks (datatrove's completions); a task without its completion runs again.
    outputs = sorted((tmp_path / "out").glob("*.jsonl.gz"))
    assert [p.name for p in outputs] == ["00000.jsonl.gz", "00001.jsonl.gz", "00002.jsonl.gz"]
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in outputs}
    rerun = LocalPipelineExecutor(
        pipeline(tmp_path / "in", tmp_path / "out", CleanerFilter()),
        tasks=3,
        workers=2,
        logging_dir=str(logs),
        start_method="fork",
    )
    assert rerun.run() is None  # "all tasks have already been completed"
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in outputs} == before

    (logs / "completions" / "00001").unlink()
    outputs[1].unlink()
    again = LocalPipelineExecutor(
        pipeline(tmp_path / "in", tmp_path / "out", CleanerFilter()),
        tasks=3,
        workers=2,
        logging_dir=str(logs),
        start_method="fork",
    ).run()
    assert gzip.decompress(outputs[1].read_bytes()) == gzip.decompress(before[outputs[1]][1])
    assert all(p.stat().st_mtime_ns == before[p][0] for p in (outputs[0], outputs[2]))
    ran = [s for s in again.stats if s.name == f"{CleanerFilter.type}: {CleanerFilter.name}"]
    assert ran[0].stats["total"].total == len(records[1::3])


@pytest.mark.skipif(not dev_files("raw"), reason=f"no dev captures at {DEV / 'raw'}")
def test_dev_captures_through_local_executor_match_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    # A third of the pages keeps the test to seconds; which third is fixed, so the run is the same each time.
    check_corpus(tmp_path, records_from(dev_files("raw")[::3]), tasks=4, step=CleanerFilter())


def run_step(step: CleanerFilter, texts: Sequence[str]) -> list[Document]:
    docs = [Document(text=t, id=str(i), metadata={"url": f"https://example.org/{i}"}) for i, t in enumerate(texts)]
    return list(step.run(iter(docs)))


def test_settings_file_and_mode_override_clean_as_the_cli_does(tmp_path: Path) -> None:
    settings = tmp_path / "cleaner.toml"
    settings.write_text('mode = "default"\nignore = ["SH001"]\n', encoding="utf-8")
    page = (FIXTURES / "seeds" / "003_768dd6f5783ec3bf.raw.txt").read_text(encoding="utf-8")
    source = tmp_path / "page.jsonl"
    source.write_text(json.dumps({"text": page}) + "\n", encoding="utf-8")
    for mode in Mode:
        result = CliRunner().invoke(app, ["clean", str(source), "--config", str(settings), "--mode", mode.value])
        assert result.exit_code == 0, result.output
        expected = json.loads(result.stdout)["text"]
        (doc,) = run_step(CleanerFilter(config_file=settings, mode=mode.value), [page])
        assert doc.text == expected, mode
    step = CleanerFilter(config_file=settings)
    assert step.config.ignore == ("SH001",)
    assert CleanerFilter(Config(mode=Mode.CONSERVATIVE)).config.mode is Mode.CONSERVATIVE
    with pytest.raises(ValueError, match="mode"):
        CleanerFilter(mode="gentle")


def test_html_documents_go_through_the_html_path(tmp_path: Path) -> None:
    html = news_page()
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    result = CliRunner().invoke(app, ["clean", str(tmp_path / "page.html"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    expected = (tmp_path / "out" / "page.txt").read_text(encoding="utf-8")
    step = CleanerFilter(html=True)
    kept = run_step(step, [html, "<!DOCTYPE html><html><body><script>var x;</script></body></html>"])
    assert [d.text for d in kept] == [expected]
    assert "Leave a Reply" not in expected and "harbour bridge" in expected
    assert kept[0].metadata == {"url": "https://example.org/0"} and kept[0].id == "0"
    assert step.stats["dropped_empty"].total == 1
    # Without html=True the markup is text: the step does not guess.
    (plain,) = run_step(CleanerFilter(), [html])
    assert "<p>" in plain.text


def test_cleaner_and_its_cli_do_not_import_datatrove(tmp_path: Path) -> None:
    page = tmp_path / "page.jsonl"
    page.write_text(json.dumps({"text": DEBRIS_ONLY + "A sentence of the article stays here.\n"}) + "\n")
    code = (
        "import sys\n"
        "import cleaner, cleaner.cli\n"
        "from typer.testing import CliRunner\n"
        f"result = CliRunner().invoke(cleaner.cli.app, ['clean', {str(page)!r}])\n"
        "assert result.exit_code == 0, result.output\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'datatrove'))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert result.stdout.strip() == "[]"
    assert "datatrove" in sys.modules  # as this process, which did import it, would have printed
