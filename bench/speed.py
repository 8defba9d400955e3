"""Speed on distinct pages, against like-for-like peers, in one interleaved run (issue 13).

    make bench                     # or: .venv/bin/python bench/speed.py [--repeat N] [--base SRC]

The corpus is the 458 distinct pages of ../shared/bench (the 90 news pages of dev/ and the 368
CleanEval pages of cleaneval-dev/), no copies, so no cache sees a page twice. Rows, each a fresh
process, run in turn `--repeat` times (A/B/A/B: noise from other work on the machine hits every
row alike); figures are medians:

- cleaner in-process on the text captures, default and conservative mode (`clean_text`), one core;
- `cleaner clean DEV CLEANEVAL -o OUT --jobs 1`, the whole process (start-up, reading, writing);
- datatrove 0.10.1's C4 line rules on the same captures (its own venv, as bench/throughput.py);
- jusText on the same captures, each non-blank line a <p>, English stoplist (the like-for-like peer);
- trafilatura `extract` on the same pages' HTML, against cleaner's HTML path in-process (what
  `cleaner clean` does with a saved page: trafilatura's main content, then the rules).

In-process rows time the work alone (inputs read and libraries imported before the clock starts,
bench/speed_driver.py); the CLI row is the whole process. Rates are by CPU time (user + system),
which other work on the shared machine disturbs far less than wall time; wall time is shown too.
Peak RSS is the process's ru_maxrss. With `--base SRC` (a folder holding another commit's
`cleaner/` package, e.g. from `git archive`), the in-process cleaner rows run that code too, in
the same rounds: the targets' "today" is then measured, not taken from BASELINE.
Cold start (`cleaner --help`, `cleaner clean -`) as bench/throughput.py times it. MB are 10^6
bytes. Results also go to bench/.work/speed.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from _material import BENCH, ROOT
from throughput import CLEANER, DT_DRIVER, cold_start, ensure_datatrove, measure

WORK = ROOT / "bench" / ".work"
DRIVER = ROOT / "bench" / "speed_driver.py"
SETS = ("dev", "cleaneval-dev")

# In-process MB per CPU second on these 458 pages at main db3b841 (2026-12-03, this machine):
# the "today" the targets multiply, used when no --base is given.
BASELINE = {"default": 1.20, "conservative": 2.34}
TARGETS = {
    "default vs today": 2.0,
    "conservative vs today": 3.0,
    "cleaner clean --jobs 1 vs in-process": 0.8,
    "pages/s vs jusText": 1.5,
    "HTML path pages/s vs trafilatura": 0.9,
    "today: HTML path pages/s vs trafilatura": 0.9,
}
TARGET_RSS_MB = 200.0
TARGET_COLD_S = 0.5


@dataclass
class Row:
    name: str
    pages: int
    bytes: int
    cpu: float
    wall: float
    rss_mb: float

    @property
    def mb_per_cpu_s(self) -> float:
        return self.bytes / 1e6 / self.cpu

    @property
    def pages_per_cpu_s(self) -> float:
        return self.pages / self.cpu


def texts() -> list[Path]:
    found = [p for s in SETS for p in sorted((BENCH / s / "raw").glob("*.txt"))]
    if len(found) < 400:
        sys.exit(f"the distinct pages are missing from {BENCH}: ../shared/bench must sit beside the repository")
    return found


def pages_html(captures: list[Path]) -> list[Path]:
    return [p.parents[1] / "html" / f"{p.stem}.html" for p in captures]


def listing(paths: list[Path], name: str) -> Path:
    target = WORK / name
    target.write_text("".join(f"{p}\n" for p in paths), encoding="utf-8")
    return target


def in_process(work: str, files: Path, src: str | None, label: str) -> Row:
    cmd = [sys.executable, str(DRIVER), work, str(files), src or str(ROOT)]
    got = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
    return Row(label, got["pages"], got["bytes"], got["cpu"], got["wall"], got["rss_mb"])


def datatrove(python: Path, files: Path, size: int) -> Row:
    out = WORK / "speed-datatrove.json"
    _, rss, _, _, _ = measure([str(python), str(DT_DRIVER), str(files)], stdout_path=out)
    got = json.loads(out.read_text())
    return Row("datatrove C4 line rules (text)", got["files"], size, got["cpu_seconds"], got["seconds"], rss)


def cli(pages: int, size: int) -> Row:
    out = WORK / "speed-out"
    shutil.rmtree(out, ignore_errors=True)
    inputs = [str(BENCH / s / "raw") for s in SETS]
    wall, rss, _, cpu, _ = measure([str(CLEANER), "clean", *inputs, "-o", str(out), "-q", "--jobs", "1"])
    written = sum(1 for _ in out.rglob("*.txt"))
    if written != pages:
        sys.exit(f"cleaner clean wrote {written} files for {pages} pages")
    shutil.rmtree(out, ignore_errors=True)
    return Row("cleaner clean --jobs 1 (text, whole process)", pages, size, cpu, wall, rss)


def median_row(rows: list[Row]) -> Row:
    first = rows[0]
    return Row(
        first.name,
        first.pages,
        first.bytes,
        statistics.median(r.cpu for r in rows),
        statistics.median(r.wall for r in rows),
        max(r.rss_mb for r in rows),
    )


def table(rows: list[Row]) -> str:
    out = [
        "| run | pages | MB | MB/s (CPU) | pages/s (CPU) | CPU s | wall s | peak RSS MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        out.append(
            f"| {r.name} | {r.pages} | {r.bytes / 1e6:.1f} | {r.mb_per_cpu_s:.2f} | {r.pages_per_cpu_s:.1f} "
            f"| {r.cpu:.2f} | {r.wall:.2f} | {r.rss_mb:.0f} |"
        )
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=3, help="rounds of every row; medians are reported")
    parser.add_argument("--base", help="a folder holding another commit's cleaner/ package, run beside this one")
    parser.add_argument("--only", help="comma-separated row keys (default-base, default, conservative, ...)")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)

    captures = texts()
    html = pages_html(captures)
    text_list, html_list = listing(captures, "speed-texts.list"), listing(html, "speed-html.list")
    text_size = sum(p.stat().st_size for p in captures)
    jobs = {
        "default": lambda: in_process("cleaner-default", text_list, None, "cleaner in-process, default (text)"),
        "conservative": lambda: in_process(
            "cleaner-conservative", text_list, None, "cleaner in-process, conservative (text)"
        ),
        "cli": lambda: cli(len(captures), text_size),
        "datatrove": lambda: datatrove(ensure_datatrove(), text_list, text_size),  # its venv made only when run
        "justext": lambda: in_process("justext", text_list, None, "jusText, each line a <p> (text)"),
        "html": lambda: in_process("cleaner-html", html_list, None, "cleaner in-process, HTML path (HTML)"),
        "trafilatura": lambda: in_process("trafilatura", html_list, None, "trafilatura extract (HTML)"),
    }
    if args.base:
        jobs = {
            "default-base": lambda: in_process("cleaner-default", text_list, args.base, "today: default (text)"),
            "conservative-base": lambda: in_process(
                "cleaner-conservative", text_list, args.base, "today: conservative (text)"
            ),
            "html-base": lambda: in_process("cleaner-html", html_list, args.base, "today: HTML path (HTML)"),
        } | jobs
    if args.only:
        jobs = {k: v for k, v in jobs.items() if k in args.only.split(",")}
    print(
        f"{len(captures)} distinct pages: {text_size / 1e6:.1f} MB of text captures, "
        f"{sum(p.stat().st_size for p in html) / 1e6:.1f} MB of HTML; medians of {args.repeat} interleaved rounds"
    )
    runs: dict[str, list[Row]] = {k: [] for k in jobs}
    for _ in range(args.repeat):
        for key, job in jobs.items():
            runs[key].append(job())
    got = {k: median_row(v) for k, v in runs.items()}
    print()
    print(table(list(got.values())))

    ratios: dict[str, float] = {}
    if "default" in got:
        today = got["default-base"].mb_per_cpu_s if "default-base" in got else BASELINE["default"]
        ratios["default vs today"] = got["default"].mb_per_cpu_s / today
    if "conservative" in got:
        today = got["conservative-base"].mb_per_cpu_s if "conservative-base" in got else BASELINE["conservative"]
        ratios["conservative vs today"] = got["conservative"].mb_per_cpu_s / today
    if "cli" in got and "default" in got:
        ratios["cleaner clean --jobs 1 vs in-process"] = got["cli"].mb_per_cpu_s / got["default"].mb_per_cpu_s
    if "default" in got and "justext" in got:
        ratios["pages/s vs jusText"] = got["default"].pages_per_cpu_s / got["justext"].pages_per_cpu_s
    if "html-base" in got and "trafilatura" in got:
        ratios["today: HTML path pages/s vs trafilatura"] = (
            got["html-base"].pages_per_cpu_s / got["trafilatura"].pages_per_cpu_s
        )
    if "html" in got and "trafilatura" in got:
        ratios["HTML path pages/s vs trafilatura"] = got["html"].pages_per_cpu_s / got["trafilatura"].pages_per_cpu_s
    print()
    print("| target | measured (by CPU time) | met? |")
    print("|---|---:|---|")
    for name, value in ratios.items():
        print(f"| {name} >= {TARGETS[name]}x | {value:.2f}x | {'yes' if value >= TARGETS[name] else '**no**'} |")
    cleaner_rss = max((r.rss_mb for k, r in got.items() if k in ("default", "conservative", "cli", "html")), default=0)
    if cleaner_rss:
        print(
            f"| peak RSS < {TARGET_RSS_MB:.0f} MB | {cleaner_rss:.0f} MB | {'yes' if cleaner_rss < TARGET_RSS_MB else '**no**'} |"
        )
    cold = cold_start(5) if not args.only else {}
    for name, seconds in cold.items():
        print(
            f"| cold start, {name} < {TARGET_COLD_S} s | {seconds:.2f} s (wall) | {'yes' if seconds < TARGET_COLD_S else '**no**'} |"
        )
    (WORK / "speed.json").write_text(
        json.dumps(
            {
                "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                "rows": {
                    k: asdict(r) | {"mb_per_cpu_s": r.mb_per_cpu_s, "pages_per_cpu_s": r.pages_per_cpu_s}
                    for k, r in got.items()
                },
                "ratios": ratios,
                "cold_start_s": cold,
            },
            indent=2,
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
