"""One very large text file: peak memory and time of `cleaner clean` on it (a script, not a test).

    python bench/large_file.py [--mb 200] [--keep]

Writes a text file of about --mb megabytes (the raw dev captures of ../shared/bench/dev/raw, one
after another, two blank lines (a page break) between two captures, repeated) into a temporary folder, runs the real
command line over it (`cleaner clean FILE -o OUT`, one process) and prints the wall time, MB/s, the
peak RSS of the process and that peak as a multiple of the file's size. Target: under 10x the
input, which cleaning in chunks (cleaner/chunking.py; docs/inputs.md, "Large files") gives; the
whole file at once took 26x. MB are 10^6 bytes. `make bench` runs it.
"""

from __future__ import annotations

import argparse
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--mb", type=float, default=200.0, help="file size in MB (default 200)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cleaner-large-"))
    try:
        src = folder / "large.txt"
        size = write_file(src, args.mb * 1e6)
        wall, rss, _, cpu, _ = measure([str(CLEANER), "clean", str(src), "-o", str(folder / "out"), "-q"])
        out = (folder / "out" / "large.txt").stat().st_size
        ratio = rss * 2**20 / size
        verdict = "met" if ratio < TARGET_RATIO else "NOT met"
        print("| run | MB in | MB out | s | MB/s | CPU s | peak RSS MB | peak RSS / input |")
        print("|---|---|---|---|---|---|---|---|")
        print(
            f"| `cleaner clean` one {size / 1e6:.0f} MB text file | {size / 1e6:.0f} | {out / 1e6:.0f} | {wall:.0f} "
            f"| {size / 1e6 / wall:.2f} | {cpu:.0f} | {rss:.0f} | {ratio:.1f}x |"
        )
        print(f"peak memory {ratio:.1f}x the input (target < {TARGET_RATIO:g}x: {verdict})")
        if ratio >= TARGET_RATIO:
            sys.exit(1)
    finally:
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
