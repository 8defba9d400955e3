"""One very large text file, and one very large JSONL record: peak memory and time of `cleaner clean`
on each (a script, not a test).

    python bench/large_file.py [--mb 200] [--record-mb 50] [--keep]

Writes a text file of about --mb megabytes (the raw dev captures of ../shared/bench/dev/raw, one
after another, two blank lines (a page break) between two captures, repeated) into a temporary folder, runs the real
command line over it (`cleaner clean FILE -o OUT`, one process) and prints the wall time, MB/s, the
peak RSS of the process and that peak as a multiple of the file's size. Target: under 10x the
input, which cleaning in chunks (cleaner/chunking.py; docs/inputs.md, "Large files") gives; the
whole file at once took 26x. The JSONL row is one record of --record-mb megabytes (the same
captures as its `text`, between an id and other fields) in a corpus of two lines: its text field
is read from the line in pieces and cleaned in chunks (cleaner/jsonl_big.py, BIG_LINE), target under
10x too (it took 19x). MB are 10^6 bytes. `make bench` runs it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from _material import BENCH
from throughput import CLEANER, measure

RAW = BENCH / "dev" / "raw"
TARGET_RATIO = 10.0


def write_file(path: Path, size: float) -> int:
    """Write about `size` bytes of captures separated by page breaks; return the bytes written."""
    pages = [p.read_bytes().rstrip(b"\n") for p in sorted(RAW.glob("*.txt"))]
    if not pages:
        raise SystemExit(f"no raw captures in {RAW}")
    blob = b"\n\n\n".join(pages) + b"\n\n\n"
    written = 0
    with path.open("wb") as handle:
        while written < size:
            handle.write(blob)
            written += len(blob)
    return written


def write_record(path: Path, size: float) -> int:
    """Write a corpus of a small record and one of about `size` bytes; return the bytes written."""
    pages = [p.read_text(encoding="utf-8").rstrip("\n") for p in sorted(RAW.glob("*.txt"))]
    blob = "\n\n\n".join(pages) + "\n\n\n"
    text = blob * int(size / len(blob.encode("utf-8")) + 1)
    line = '{"id": "big", "n": 1.50, "text": ' + json.dumps(text, ensure_ascii=False) + ', "tail": [1e400]}\n'
    path.write_bytes(b'{"id": "small", "text": "Share this:\\nA small record.\\n"}\n' + line.encode("utf-8"))
    return path.stat().st_size


def _row(what: str, src: Path, out: Path, size: int) -> float:
    """Clean `src` into `out` in one process, print its table row; return peak RSS / input."""
    wall, rss, _, cpu, _ = measure([str(CLEANER), "clean", str(src), "-o", str(out), "-q", "--jobs", "1"])
    written = (out / src.name).stat().st_size
    ratio = rss * 2**20 / size
    print(
        f"| `cleaner clean` {what} | {size / 1e6:.0f} | {written / 1e6:.0f} | {wall:.0f} "
        f"| {size / 1e6 / wall:.2f} | {cpu:.0f} | {rss:.0f} | {ratio:.1f}x |"
    )
    return ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--mb", type=float, default=200.0, help="file size in MB (default 200)")
    parser.add_argument("--record-mb", type=float, default=50.0, help="JSONL record size in MB (default 50; 0: none)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cleaner-large-"))
    try:
        src = folder / "large.txt"
        size = write_file(src, args.mb * 1e6)
        print("| run | MB in | MB out | s | MB/s | CPU s | peak RSS MB | peak RSS / input |")
        print("|---|---|---|---|---|---|---|---|")
        ratios = [_row(f"one {size / 1e6:.0f} MB text file", src, folder / "out", size)]
        src.unlink()
        if args.record_mb:
            record = folder / "record.jsonl"
            size = write_record(record, args.record_mb * 1e6)
            ratios.append(_row(f"one {size / 1e6:.0f} MB JSONL record", record, folder / "out-jsonl", size))
        worst = max(ratios)
        verdict = "met" if worst < TARGET_RATIO else "NOT met"
        print(f"peak memory at most {worst:.1f}x the input (target < {TARGET_RATIO:g}x: {verdict})")
        if worst >= TARGET_RATIO:
            sys.exit(1)
    finally:
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
