"""Each Python snippet of docs/scale-out.md, run as written, in a folder with a small corpus.

The snippets use relative paths (corpus/, crawl/, cleaned/, logs/), so each runs unchanged as a
script in a temporary folder. The Slurm one runs with stand-ins for `sbatch` and `scontrol`, the
only Slurm commands datatrove calls: the array job it submits is then run as Slurm would run it
(the pickled executor, once per array task), and so is the statistics job.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from htmlpages import news_page
from material import FIXTURES, ROOT
from typer.testing import CliRunner

pytest.importorskip("datatrove", reason="datatrove is not installed (pip install -e '.[datatrove]')")

from cleaner.cli import app

DOC = ROOT / "docs" / "scale-out.md"


def snippet(heading: str) -> str:
    """The Python block of the section `## heading`."""
    section = DOC.read_text(encoding="utf-8").split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


def make_corpus(folder: Path) -> None:
    """Two JSONL shards of fixture captures, as corpus/ in the snippets."""
    files = sorted(FIXTURES.rglob("*.raw.txt"))[::10]
    (folder / "corpus").mkdir()
    for s in range(2):
        with (folder / "corpus" / f"part{s}.jsonl").open("w", encoding="utf-8") as handle:
            for path in files[s::2]:
                record = {"id": path.name, "text": path.read_text(encoding="utf-8"), "lang": "en"}
                handle.write(json.dumps(record) + "\n")


def run_script(folder: Path, name: str, code: str, env: dict[str, str] | None = None) -> None:
    (folder / name).write_text(code, encoding="utf-8")
    result = subprocess.run([sys.executable, name], cwd=folder, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr[-3000:]


def read_records(folder: Path) -> dict[str, dict[str, Any]]:
    records: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            records.update((r["id"], r) for r in map(json.loads, handle))
    return records


def cli_texts(folder: Path) -> dict[str, str]:
    result = CliRunner().invoke(app, ["clean", str(folder / "corpus"), "-o", str(folder / "cli")])
    assert result.exit_code == 0, result.output
    texts: dict[str, str] = {}
    for path in sorted((folder / "cli").glob("*.jsonl")):
        texts.update((r["id"], r["text"]) for r in map(json.loads, path.open(encoding="utf-8")))
    return texts


def test_local_pipeline_snippet(tmp_path: Path) -> None:
    make_corpus(tmp_path)
    run_script(tmp_path, "local_pipeline.py", snippet("A local pipeline"))
    written = read_records(tmp_path / "cleaned")
    assert {i: r["text"] for i, r in written.items()} == cli_texts(tmp_path)
    assert all(r["metadata"]["lang"] == "en" for r in written.values())
    assert sorted(p.name for p in (tmp_path / "logs" / "completions").iterdir()) == [f"{r:05d}" for r in range(4)]


def test_slurm_pipeline_snippet(tmp_path: Path) -> None:
    make_corpus(tmp_path)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    stand_ins = {
        # sbatch keeps each script it is given and answers as sbatch does; scontrol names this host.
        "sbatch": '#!/bin/sh\nfor a; do last="$a"; done\ncat "$last" >> "$SUBMITTED"\necho "Submitted batch job 42"\n',
        "scontrol": "#!/bin/sh\necho localhost\n",
    }
    for name, body in stand_ins.items():
        (bin_dir / name).write_text(body, encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    submitted = tmp_path / "submitted.sh"
    env = os.environ | {
        "PATH": f"{bin_dir}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "SUBMITTED": str(submitted),
    }
    run_script(tmp_path, "slurm_pipeline.py", snippet("On a Slurm cluster"), env)

    scripts = submitted.read_text(encoding="utf-8").split("#!/bin/bash\n")[1:]
    assert len(scripts) == 2  # the tasks' array job, then the job that merges their statistics
    assert "#SBATCH --array=0-99" in scripts[0] and "#SBATCH --partition=cpu" in scripts[0]
    assert "source .venv/bin/activate" in scripts[0]
    launch = scripts[0].strip().splitlines()[-1]
    pickled = tmp_path / "logs" / "executor.pik"
    assert launch.endswith(f"launch_pickled_pipeline {pickled}")
    # What each array task runs (launch_pickled_pipeline: load the executor, run it); the two files
    # of corpus/ are tasks 0 and 1's share.
    array_tasks = (
        "import os, sys, dill\n"
        "for task in ('0', '1'):\n"
        "    os.environ['SLURM_ARRAY_TASK_ID'] = task\n"
        "    with open(sys.argv[1], 'rb') as f:\n"
        "        dill.load(f).run()\n"
    )
    nodes = env | {"SLURM_NODELIST": "localhost"}
    # Slurm starts a job in the folder it was submitted from, which the relative paths count on.
    done = subprocess.run(
        [sys.executable, "-c", array_tasks, str(pickled)], cwd=tmp_path, env=nodes, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-3000:]
    merge = shlex.split(scripts[1].strip().splitlines()[-1])
    assert merge[0] == "merge_stats"
    subprocess.run(merge, cwd=tmp_path, env=nodes, check=True, capture_output=True)

    assert {i: r["text"] for i, r in read_records(tmp_path / "cleaned").items()} == cli_texts(tmp_path)
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text(encoding="utf-8"))
    names = [name for step in stats for name in step["stats"]]
    assert "documents_changed" in names and any(n.startswith("lines_removed/") for n in names)


def test_warc_snippet(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = {
        "https://news.example.org/bridge": news_page(),
        "https://news.example.org/empty": "<!DOCTYPE html><html><body><script>var x;</script></body></html>",
    }
    (tmp_path / "crawl").mkdir()
    with (tmp_path / "crawl" / "pages.warc.gz").open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, html in pages.items():
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            payload = io.BytesIO(html.encode("utf-8"))
            writer.write_record(writer.create_warc_record(url, "response", payload=payload, http_headers=headers))
    (tmp_path / "page.html").write_text(pages["https://news.example.org/bridge"], encoding="utf-8")
    result = CliRunner().invoke(app, ["clean", str(tmp_path / "page.html"), "-o", str(tmp_path / "cli")])
    assert result.exit_code == 0, result.output

    run_script(tmp_path, "warc_pipeline.py", snippet("WARC input"))
    written = list(read_records(tmp_path / "cleaned-warc").values())
    assert [r["metadata"]["url"] for r in written] == ["https://news.example.org/bridge"]  # the empty page dropped
    assert written[0]["text"] == (tmp_path / "cli" / "page.txt").read_text(encoding="utf-8")
    assert written[0]["id"].startswith("<urn:uuid:")
