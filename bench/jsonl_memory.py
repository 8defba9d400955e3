"""JSONL memory check (a script, not a test): peak RSS of `cleaner clean` on a ~1 GB JSONL file.

    python bench/jsonl_memory.py [--gb 1.0] [--gzip] [--keep DIR]

Writes a JSONL corpus of about --gb gigabytes into a temporary folder (records made from the raw
page captures in ../shared/bench/dev/raw, each with an id, a url, metadata and the capture as
`text`; every 997th line is deliberately malformed), runs the real command line over it (one
process by default), and prints the time, MB/s and the peak resident memory (the largest process,
and the whole process tree, sampled; measured as bench/throughput.py does). Target: < 300 MB,
whatever the file size, because records are streamed one line at a time.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import IO

from _material import BENCH
from throughput import measure

RAW = BENCH / "dev" / "raw"
TARGET_MB = 300
MALFORMED_EVERY = 997


def write_corpus(path: Path, size: int, zipped: bool) -> tuple[int, int]:
    """Write about `size` bytes of JSONL (uncompressed); return (lines, bytes) written."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(RAW.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no raw captures in {RAW}")
    with gzip.open(path, "wb", compresslevel=1) if zipped else path.open("wb") as handle:
        return _fill(handle, texts, size)


def _fill(handle: IO[bytes], texts: list[str], size: int) -> tuple[int, int]:
    lines = written = 0
    while written < size:
        lines += 1
        if lines % MALFORMED_EVERY == 0:
            line = b'{"id": "broken", "text": "unterminated\n'
        else:
            text = texts[lines % len(texts)]
            record = {"id": f"doc-{lines}", "url": f"https://example.org/{lines}", "meta": {"n": lines}, "text": text}
            line = json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n"
        handle.write(line)
        written += len(line)
    return lines, written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gb", type=float, default=1.0, help="corpus size in GB, uncompressed (default 1)")
    parser.add_argument("--gzip", action="store_true", help="write and clean a .jsonl.gz instead")
    parser.add_argument("--jobs", type=int, default=1, help="cleaner --jobs: processes sharing the records (default 1)")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep the files")
    args = parser.parse_args()
    cleaner = Path(sys.executable).with_name("cleaner")
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        source = work / ("corpus.jsonl.gz" if args.gzip else "corpus.jsonl")
        start = time.perf_counter()
        lines, size = write_corpus(source, int(args.gb * 1e9), args.gzip)
        print(
            f"wrote {source.name}: {lines:,} lines, {size / 1e6:,.0f} MB uncompressed in {time.perf_counter() - start:.0f} s"
        )
        report = work / "report.json"
        command = [
            str(cleaner),
            "clean",
            str(source),
            "-o",
            str(work / "out"),
            "--jobs",
            str(args.jobs),
            "--report",
            str(report),
        ]
        seconds, largest_mb, tree_mb = measure(command)
        warnings = json.loads(report.read_text())["files"][0]["warnings"]
    print(f"cleaned in {seconds:.0f} s ({size / 1e6 / seconds:.1f} MB/s, --jobs {args.jobs})")
    print(
        f"peak RSS: largest process {largest_mb:.0f} MB, whole process tree {tree_mb:.0f} MB (target < {TARGET_MB} MB)"
    )
    print(f"reported: {warnings[0] if warnings else 'no warning'}"[:200])
    met = tree_mb < TARGET_MB and largest_mb < TARGET_MB
    print("met" if met else "NOT met")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
