"""Throughput and memory benchmark: `cleaner clean` (--jobs 1 and 2) against datatrove's C4 line rules.

    make bench                          # or: .venv/bin/python bench/throughput.py [--repeat N] [--no-big]

It builds a corpus of at least 40 MB from the dev captures in ../shared/bench/dev/raw (copied into
many sub-folders under bench/.work/), then, in one run and interleaved so that machine noise hits
every contender alike, times:

- `cleaner clean CORPUS -o OUT --jobs 1` and `--jobs 2`, each a fresh subprocess: the wall time
  includes interpreter start-up, discovery, reading, cleaning and writing every output file;
- datatrove 0.10.1's `C4QualityFilter` with only its line rules, in a virtual environment of its
  own (bench/.work/datatrove-venv, created here), one process: the time is reading the files and
  filtering `Document` objects, *excluding* its import (favourable to datatrove, so the ratio is
  a lower bound);
- the same pages as JSONL shards (one record per page, bench/.work/corpus-jsonl) through a datatrove
  pipeline with cleaner's step (`JsonlReader -> CleanerFilter -> JsonlWriter` on a
  `LocalPipelineExecutor`, 1 and 2 workers, bench/datatrove_step.py), each a fresh subprocess as the
  CLI is, against `cleaner clean` on the same shards (--jobs 1 and 2): what running inside datatrove
  costs. Its MB/s count the pages' text, as the other rows do (JSON escaping makes the files larger).

Each run's peak memory is measured twice: the peak RSS of the largest single process (getrusage's
ru_maxrss) and the peak of the summed RSS of the whole process tree (sampled from /proc), which is
what a pool of workers costs. A corpus 4x larger checks that memory does not grow with the corpus.
Cold start (`cleaner --help`, `cleaner clean -` on a small input) is timed too. MB are 10^6 bytes.
Last, where the time goes: in this process, on one core, each dev page cleaned in full, cleaned by
the rules alone (content detection ignored), cleaned in conservative mode (the phrase rules for
known debris), and only measured by the line features that content detection's model reads, each
against the throughput the target asks of the whole.
Figures are medians over --repeat runs. Results also go to bench/.work/throughput.json.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _shared() -> Path:
    """../shared beside the repository (a clone); from a git worktree nested deeper, the nearest ancestor's."""
    for parent in REPO.parents:
        if (parent / "shared" / "bench").is_dir():
            return parent / "shared"
    return REPO.parent / "shared"


SHARED = _shared()
RAW = SHARED / "bench" / "dev" / "raw"
WORK = REPO / "bench" / ".work"
# The C4 filter module imports `regex` (from datatrove's "processing" extra); the rest of that extra
# (nltk, fasttext, trafilatura ...) is not used by the line rules, so only regex is added.
DATATROVE = ("datatrove==0.10.1", "regex")
DT_VENV = WORK / "datatrove-venv"
DT_DRIVER = REPO / "bench" / "datatrove_c4.py"
CLEANER = Path(sys.executable).parent / "cleaner"

TARGET_VS_DATATROVE = 2.0
TARGET_JOBS2 = 1.6
TARGET_RSS_MB = 200.0
TARGET_COLD_S = 0.5


@dataclass
class Run:
    name: str
    seconds: float
    files: int
    bytes_in: int
    peak_rss_mb: float
    """Largest single process (ru_maxrss)."""
    tree_rss_mb: float
    """Peak of the summed RSS of the process and its children (sampled)."""
    cpu_seconds: float = 0.0
    """CPU time (user + system, all processes of the run): less sensitive than wall time to
    other work on the machine, so a second view of the ratio on a busy machine."""
    tree_pss_mb: float = 0.0
    """Peak of the summed PSS of the process tree: shared pages counted once."""

    @property
    def mb_per_s(self) -> float:
        return self.bytes_in / 1e6 / self.seconds

    @property
    def files_per_s(self) -> float:
        return self.files / self.seconds


# --- corpus ---------------------------------------------------------------------------------------


def build_corpus(dest: Path, min_mb: float) -> list[Path]:
    """Copies of the dev raw pages in sub-folders of `dest` (two levels deep), until at least `min_mb`."""
    pages = sorted(RAW.glob("*.txt"))
    if not pages:
        sys.exit(f"no dev pages in {RAW}: ../shared/bench must sit beside the repository")
    page_bytes = sum(p.stat().st_size for p in pages)
    copies = max(1, -(-int(min_mb * 1e6) // page_bytes))  # ceil
    stamp = dest / ".complete"
    if not (stamp.exists() and stamp.read_text() == f"{copies}"):
        shutil.rmtree(dest, ignore_errors=True)
        for c in range(copies):
            sub = dest / f"site{c // 10:03d}" / f"batch{c % 10}"
            sub.mkdir(parents=True)
            for page in pages:
                shutil.copyfile(page, sub / page.name)
        stamp.write_text(f"{copies}")
    return sorted(dest.rglob("*.txt"))


# --- measuring a subprocess -----------------------------------------------------------------------


def _tree_memory_kb(pid: int) -> tuple[int, int]:
    """Summed RSS and summed PSS of `pid` and its descendants (0 for any that vanished meanwhile).
    RSS counts pages a forked worker shares with its parent once in each; PSS splits them."""
    rss = pss = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
            for task in Path(f"/proc/{p}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return rss, pss


def wall_time(cmd: list[str], stdin: bytes | None = None) -> float:
    """Wall seconds of one run of `cmd`."""
    start = time.perf_counter()
    subprocess.run(cmd, input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def measure(cmd: list[str], stdout_path: Path | None = None) -> tuple[float, float, float, float, float]:
    """Run `cmd` under a fresh Python parent that reports its ru_maxrss (RUSAGE_CHILDREN of that parent
    covers this one run only); return (wall s, peak RSS MB of the largest process, peak summed tree RSS MB)."""
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "out = open(sys.argv[1], 'wb') if sys.argv[1] else subprocess.DEVNULL\n"
        "r = subprocess.run(sys.argv[2:], stdout=out)\n"
        "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "sys.stderr.write(f'\\nMAXRSS {u.ru_maxrss} CPU {u.ru_utime + u.ru_stime}\\n'); sys.exit(r.returncode)\n"
    )
    full = [sys.executable, "-c", wrapper, str(stdout_path or ""), *cmd]
    peak_tree = peak_pss = 0
    done = threading.Event()
    start = time.perf_counter()
    proc = subprocess.Popen(full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def sample() -> None:
        nonlocal peak_tree, peak_pss
        while not done.wait(0.02):
            # The wrapper itself (a small Python) is not part of the run: count its children only.
            try:
                kids = [int(c) for c in Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()]
            except OSError:
                continue
            sizes = [_tree_memory_kb(k) for k in kids]
            peak_tree = max(peak_tree, sum(r for r, _ in sizes))
            peak_pss = max(peak_pss, sum(p for _, p in sizes))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = proc.communicate()
    wall = time.perf_counter() - start
    done.set()
    err = stderr.decode(errors="replace")
    if proc.returncode != 0:
        sys.exit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{err}")
    fields = err.rsplit("MAXRSS", 1)[1].split()
    maxrss_kb, cpu = int(fields[0]), float(fields[2])
    return wall, maxrss_kb / 1024, peak_tree / 1024, cpu, peak_pss / 1024


# --- contenders -----------------------------------------------------------------------------------


def cleaner_has_jobs() -> bool:
    result = subprocess.run([str(CLEANER), "clean", "--help"], capture_output=True, text=True, check=True)
    return "--jobs" in result.stdout


def run_cleaner(corpus: Path, files: list[Path], size: int, jobs: int | None, label: str) -> Run:
    out = WORK / "out"
    shutil.rmtree(out, ignore_errors=True)
    cmd = [str(CLEANER), "clean", str(corpus), "-o", str(out), "-q"]
    if jobs is not None:
        cmd += ["--jobs", str(jobs)]
    wall, rss, tree, cpu, pss = measure(cmd)
    written = sum(1 for _ in out.rglob("*.txt"))
    if written != len(files):
        sys.exit(f"{label}: wrote {written} files for {len(files)} inputs")
    return Run(label, wall, len(files), size, rss, tree, cpu, pss)


def ensure_datatrove() -> Path:
    python = DT_VENV / "bin" / "python"
    stamp = DT_VENV / ".installed"
    wanted = " ".join(DATATROVE)
    if not (stamp.exists() and stamp.read_text() == wanted):
        print(f"creating {DT_VENV.relative_to(REPO)} with {wanted} ...", flush=True)
        shutil.rmtree(DT_VENV, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(DT_VENV)], check=True)
        pip = subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", *DATATROVE], capture_output=True, text=True
        )
        if pip.returncode != 0:
            sys.exit(f"could not install {wanted}:\n{pip.stdout}{pip.stderr}")
        stamp.write_text(wanted)
    return python


def run_datatrove(python: Path, files: list[Path], size: int) -> tuple[Run, float]:
    listing = WORK / "files.lst"
    listing.write_text("".join(f"{p}\n" for p in files), encoding="utf-8")
    report = WORK / "datatrove.json"
    wall, rss, tree, _, pss = measure([str(python), str(DT_DRIVER), str(listing)], stdout_path=report)
    result = json.loads(report.read_text())
    if result["files"] != len(files) or result["bytes_in"] != size:
        sys.exit(f"datatrove read {result['files']} files, {result['bytes_in']} bytes; expected {len(files)}, {size}")
    name = "datatrove C4 line rules (1 process)"
    return Run(name, result["seconds"], len(files), size, rss, tree, result["cpu_seconds"], pss), wall


# --- cleaner as a datatrove step -------------------------------------------------------------------

DT_STEP_DRIVER = REPO / "bench" / "datatrove_step.py"
JSONL_SHARDS = 8
"""Shards of the JSONL corpus: one datatrove task each."""


def build_shards(files: list[Path], root: Path, dest: Path) -> None:
    """The corpus's pages as JSONL records ({"id": path under `root`, "text": page}) in JSONL_SHARDS shards."""
    stamp = dest / ".complete"
    wanted = f"{len(files)} {JSONL_SHARDS}"
    if stamp.exists() and stamp.read_text() == wanted:
        return
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    for s in range(JSONL_SHARDS):
        with (dest / f"shard{s:02d}.jsonl").open("w", encoding="utf-8") as handle:
            for path in files[s::JSONL_SHARDS]:
                record = {"id": str(path.relative_to(root)), "text": path.read_text(encoding="utf-8")}
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    stamp.write_text(wanted)


def run_datatrove_step(shards: Path, docs: int, size: int, workers: int) -> Run:
    out, logs, report = WORK / "dt-out", WORK / "dt-logs", WORK / "datatrove-step.json"
    for folder in (out, logs):  # a completion left from the last run would skip its task
        shutil.rmtree(folder, ignore_errors=True)
    cmd = [sys.executable, str(DT_STEP_DRIVER), str(shards), str(out), str(logs), str(workers)]
    wall, rss, tree, cpu, pss = measure(cmd, stdout_path=report)
    result = json.loads(report.read_text())
    if result["documents"] != docs or result["written"] != result["forwarded"]:
        sys.exit(f"datatrove step: {result}; expected {docs} documents in, every one kept written out")
    if workers > 1:
        cpu = 0.0  # the workers are children of datatrove's forkserver, out of the wrapper's rusage: not counted
    return Run(f"datatrove + cleaner step, {workers} worker(s)", wall, docs, size, rss, tree, cpu, pss)


def run_cleaner_jsonl(shards: Path, docs: int, size: int, jobs: int) -> Run:
    out = WORK / "out-jsonl"
    shutil.rmtree(out, ignore_errors=True)
    wall, rss, tree, cpu, pss = measure([str(CLEANER), "clean", str(shards), "-o", str(out), "-q", "--jobs", str(jobs)])
    written = sum(1 for p in out.glob("*.jsonl") for _ in p.open("rb"))
    if written != docs:
        sys.exit(f"cleaner clean on the shards wrote {written} records for {docs}")
    return Run(f"cleaner clean JSONL shards --jobs {jobs}", wall, docs, size, rss, tree, cpu, pss)


def datatrove_step_rows(files: list[Path], size: int, repeat: int, cli_files: list[Run]) -> dict[str, object]:
    """The datatrove step against the CLI on the same JSONL shards (and on the files, `cli_files`:
    the --jobs 1 and 2 rows above); prints its table and the overheads."""
    import importlib.util

    if importlib.util.find_spec("datatrove") is None:
        print("\ndatatrove step: datatrove is not installed here (pip install -e '.[datatrove]'); rows skipped")
        return {}
    shards = WORK / "corpus-jsonl"
    build_shards(files, WORK / "corpus", shards)
    rows: list[list[Run]] = [[], [], [], []]
    for _ in range(repeat):
        for i, jobs in enumerate((1, 2)):
            rows[2 * i].append(run_cleaner_jsonl(shards, len(files), size, jobs))
            rows[2 * i + 1].append(run_datatrove_step(shards, len(files), size, jobs))
    runs = [median_run(r) for r in rows]
    print(
        f"\ncleaner inside datatrove: the same {len(files)} pages as {JSONL_SHARDS} JSONL shards ({JSONL_SHARDS} tasks)"
    )
    print("(files/s is documents/s here: one record per page)")
    print(table(runs))
    overhead: dict[str, float] = {}
    for jobs, cli, step, files_row in zip((1, 2), runs[0::2], runs[1::2], cli_files, strict=True):
        vs_jsonl, vs_files = step.seconds / cli.seconds - 1, step.seconds / files_row.seconds - 1
        overhead[f"workers_{jobs}_vs_cli_jsonl"] = vs_jsonl
        overhead[f"workers_{jobs}_vs_cli_files"] = vs_files
        print(
            f"datatrove step, {jobs} worker(s): {step.files_per_s:.0f} documents/s, {step.mb_per_s:.2f} MB/s; "
            f"overhead {vs_jsonl:+.0%} against `cleaner clean` on the shards --jobs {jobs}, "
            f"{vs_files:+.0%} against it on the files --jobs {jobs}"
        )
    return {
        "datatrove_step": {
            "shards": JSONL_SHARDS,
            "runs": [asdict(r) | {"mb_per_s": r.mb_per_s, "docs_per_s": r.files_per_s} for r in runs],
            "overhead": overhead,
        }
    }


def cold_start(repeat: int) -> dict[str, float]:
    small = b"A headline\n\n[ad_1]\n\nThe first paragraph of the story, which is kept.\n"
    helps, stdins = [], []
    for _ in range(repeat):
        helps.append(wall_time([str(CLEANER), "--help"]))
        stdins.append(wall_time([str(CLEANER), "clean", "-"], stdin=small))
    return {"cleaner --help": statistics.median(helps), "cleaner clean - (small input)": statistics.median(stdins)}


def stages(repeat: int) -> dict[str, float]:
    """MB/s of parts of the work, in this process on the dev pages (best of `repeat`, after a
    warm-up run): the whole cleaning, the rules without content detection, conservative mode, and
    the line features alone (what content detection computes before its model scores a line)."""
    from cleaner.config import Config, Mode
    from cleaner.content.features import page_features
    from cleaner.pipeline import clean_text

    pages = [p.read_text(encoding="utf-8") for p in sorted(RAW.glob("*.txt"))]
    size = sum(len(p.encode("utf-8")) for p in pages)
    full, rules_only, known = Config(), Config(ignore=("CD",)), Config(mode=Mode.CONSERVATIVE)
    lines = [[ln for ln in page.splitlines() if ln.strip()] for page in pages]
    work = {
        "whole cleaning (default mode)": lambda: [clean_text(p, full) for p in pages],
        "rules alone (content detection off)": lambda: [clean_text(p, rules_only) for p in pages],
        "conservative mode (known debris only)": lambda: [clean_text(p, known) for p in pages],
        "line features alone": lambda: [page_features(ls) for ls in lines],
    }
    out = {}
    for name, job in work.items():
        job()
        best = math.inf
        for _ in range(repeat):
            start = time.perf_counter()
            job()
            best = min(best, time.perf_counter() - start)
        out[name] = size / 1e6 / best
    return out


# --- report ---------------------------------------------------------------------------------------


def median_run(runs: list[Run]) -> Run:
    return Run(
        runs[0].name,
        statistics.median(r.seconds for r in runs),
        runs[0].files,
        runs[0].bytes_in,
        max(r.peak_rss_mb for r in runs),
        max(r.tree_rss_mb for r in runs),
        statistics.median(r.cpu_seconds for r in runs),
        max(r.tree_pss_mb for r in runs),
    )


def table(runs: list[Run]) -> str:
    rows = [
        f"| {'run':<40} | {'s':>6} | {'MB/s':>6} | {'files/s':>7} | {'CPU s':>6} | {'MB/CPU s':>8} "
        f"| {'peak RSS MB':>11} | {'tree RSS MB':>11} | {'tree PSS MB':>11} |"
    ]
    rows.append("|" + "|".join("-" * (w + 2) for w in (40, 6, 6, 7, 6, 8, 11, 11, 11)) + "|")
    for r in runs:
        per_cpu = r.bytes_in / 1e6 / r.cpu_seconds if r.cpu_seconds else 0.0
        rows.append(
            f"| {r.name:<40} | {r.seconds:6.2f} | {r.mb_per_s:6.1f} | {r.files_per_s:7.0f} | {r.cpu_seconds:6.1f} "
            f"| {per_cpu:8.1f} | {r.peak_rss_mb:11.0f} | {r.tree_rss_mb:11.0f} | {r.tree_pss_mb:11.0f} |"
        )
    return "\n".join(rows)


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def timing(min_mb: float, repeat: int, jobs: bool) -> dict[str, object]:
    """The side-by-side runs on the corpus of `min_mb`; prints their table and ratios."""
    files = build_corpus(WORK / "corpus", min_mb)
    size = sum(p.stat().st_size for p in files)
    corpus = WORK / "corpus"
    python = ensure_datatrove()
    print(
        f"corpus: {len(files)} files, {size / 1e6:.1f} MB ({corpus.relative_to(REPO)}); "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; medians of {repeat} runs"
    )
    if not jobs:
        print("note: this cleaner has no --jobs option yet; both cleaner rows run its default (one process)")

    j1: list[Run] = []
    j2: list[Run] = []
    dt: list[Run] = []
    dt_walls: list[float] = []
    for _ in range(repeat):
        run, wall = run_datatrove(python, files, size)
        dt.append(run)
        dt_walls.append(wall)
        j1.append(run_cleaner(corpus, files, size, 1 if jobs else None, "cleaner clean --jobs 1"))
        j2.append(run_cleaner(corpus, files, size, 2 if jobs else None, "cleaner clean --jobs 2"))
    runs = [median_run(dt), median_run(j1), median_run(j2)]
    print()
    print(table(runs))
    ratio_dt = runs[1].mb_per_s / runs[0].mb_per_s
    ratio_j2 = runs[2].mb_per_s / runs[1].mb_per_s
    print()
    print(f"datatrove process wall time incl. start-up: {statistics.median(dt_walls):.2f} s (not used for the ratio)")
    cpu_ratio = runs[0].cpu_seconds / runs[1].cpu_seconds if runs[1].cpu_seconds else 0.0
    print(f"by CPU time (less sensitive to a busy machine): cleaner --jobs 1 / datatrove {cpu_ratio:.2f}x")
    print(
        f"cleaner --jobs 1 / datatrove: {ratio_dt:.2f}x  (target >= {TARGET_VS_DATATROVE}x: {verdict(ratio_dt >= TARGET_VS_DATATROVE)})"
    )
    print(
        f"cleaner --jobs 2 / --jobs 1:  {ratio_j2:.2f}x  (target >= {TARGET_JOBS2}x: {verdict(ratio_j2 >= TARGET_JOBS2)})"
    )

    results: dict[str, object] = {
        "_runs": runs,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "corpus": {"files": len(files), "bytes": size},
        "jobs_option": jobs,
        "runs": [asdict(r) | {"mb_per_s": r.mb_per_s, "files_per_s": r.files_per_s} for r in runs],
        "ratio_jobs1_vs_datatrove": ratio_dt,
        "ratio_jobs2_vs_jobs1": ratio_j2,
        "ratio_jobs1_vs_datatrove_by_cpu": cpu_ratio,
        "datatrove_mb_per_s": runs[0].mb_per_s,
    }
    results |= datatrove_step_rows(files, size, repeat, runs[1:])
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--min-mb", type=float, default=40.0, help="corpus size (default 40 MB)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each contender; medians are reported")
    parser.add_argument("--no-big", action="store_true", help="skip the 4x corpus memory check")
    parser.add_argument("--memory-only", action="store_true", help="only the 4x corpus memory check")
    args = parser.parse_args()

    WORK.mkdir(parents=True, exist_ok=True)
    jobs = cleaner_has_jobs()
    if args.memory_only:
        results: dict[str, object] = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
        peak = peak_pss = 0.0
    else:
        results = timing(args.min_mb, args.repeat, jobs)
        runs = results.pop("_runs")
        assert isinstance(runs, list)
        peak = max(r.tree_rss_mb for r in runs[1:])
        peak_pss = max(r.tree_pss_mb for r in runs[1:])
    if not args.no_big:
        big_files = build_corpus(WORK / "corpus4x", args.min_mb * 4)
        big_size = sum(p.stat().st_size for p in big_files)
        big = [
            run_cleaner(WORK / "corpus4x", big_files, big_size, j if jobs else None, f"4x corpus: --jobs {j}")
            for j in (1, 2)
        ]
        print()
        print(f"memory check on a corpus 4x larger: {len(big_files)} files, {big_size / 1e6:.1f} MB")
        print(table(big))
        peak = max(peak, *(r.tree_rss_mb for r in big))
        peak_pss = max(peak_pss, *(r.tree_pss_mb for r in big))
        results["big"] = [asdict(r) | {"mb_per_s": r.mb_per_s} for r in big]
        shutil.rmtree(WORK / "out", ignore_errors=True)
    print(
        f"peak memory of any cleaner run (whole process tree): RSS {peak:.0f} MB, PSS {peak_pss:.0f} MB "
        f"(target < {TARGET_RSS_MB:.0f} MB: by RSS {verdict(peak < TARGET_RSS_MB)}, by PSS {verdict(peak_pss < TARGET_RSS_MB)})"
    )

    cold = cold_start(max(5, args.repeat))
    print()
    for name, seconds in cold.items():
        print(f"cold start, {name}: {seconds:.3f} s (target < {TARGET_COLD_S} s: {verdict(seconds < TARGET_COLD_S)})")
    results["cold_start_s"] = cold

    parts = stages(max(3, args.repeat))
    print()
    dt_speed = results.get("datatrove_mb_per_s")
    need = (
        f"; the target asks {TARGET_VS_DATATROVE * dt_speed:.1f} MB/s of the whole"
        if isinstance(dt_speed, float)
        else ""
    )
    print(f"where the time goes (one core, in-process, the {len(list(RAW.glob('*.txt')))} dev pages{need}):")
    for name, speed in parts.items():
        versus = f"  ({speed / dt_speed:.2f}x datatrove)" if isinstance(dt_speed, float) else ""
        print(f"  {name:<38} {speed:6.1f} MB/s{versus}")
    results["stages_mb_per_s"] = parts
    (WORK / "throughput.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
