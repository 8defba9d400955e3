"""One contender of bench/speed.py, in a fresh process: reads its inputs, then times the work alone.

    python bench/speed_driver.py WORK LIST_FILE [SRC]

WORK is one of: cleaner-default, cleaner-conservative (clean_text on each text capture),
cleaner-html (cleaner's HTML path, as `cleaner clean` runs it on a saved page), justext (each
line of a text capture a <p>, English stoplist), trafilatura (`extract` on a page's HTML).
LIST_FILE names the input files, one a line. SRC, if given, goes first on sys.path (the code of
another commit, for an A/B run). Prints one JSON object: pages, bytes, CPU and wall seconds of the
work (inputs read and libraries imported before the clock starts), peak RSS of the process.
"""

from __future__ import annotations

import html
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path


def _cleaner(mode: str) -> Callable[[bytes], object]:
    from cleaner.config import Config, Mode
    from cleaner.pipeline import clean_text

    config = Config(mode=Mode(mode))
    return lambda data: clean_text(data.decode("utf-8"), config)


def _cleaner_html() -> Callable[[bytes], object]:
    from cleaner.config import Config
    from cleaner.decoding import decode
    from cleaner.html import clean_page
    from cleaner.pipeline import clean_and_explain

    config = Config()
    return lambda data: clean_page(decode(data), config, clean_and_explain)


def _justext() -> Callable[[bytes], object]:
    import justext

    stoplist = justext.get_stoplist("English")

    def run(data: bytes) -> object:
        lines = data.decode("utf-8").splitlines()
        page = "<html><body>" + "".join(f"<p>{html.escape(ln)}</p>" for ln in lines if ln.strip()) + "</body></html>"
        return [p.text for p in justext.justext(page, stoplist) if not p.is_boilerplate]

    return run


def _trafilatura() -> Callable[[bytes], object]:
    import trafilatura

    return lambda data: trafilatura.extract(data)


def main() -> None:
    work, listing = sys.argv[1], Path(sys.argv[2])
    if len(sys.argv) > 3:
        sys.path.insert(0, sys.argv[3])
    job = {
        "cleaner-default": lambda: _cleaner("default"),
        "cleaner-conservative": lambda: _cleaner("conservative"),
        "cleaner-html": _cleaner_html,
        "justext": _justext,
        "trafilatura": _trafilatura,
    }[work]()
    inputs = [Path(p).read_bytes() for p in listing.read_text(encoding="utf-8").splitlines()]
    job(inputs[0])  # imports done lazily on a first call are not the work either
    wall, cpu = time.perf_counter(), time.process_time()
    for data in inputs:
        job(data)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"pages": len(inputs), "bytes": sum(map(len, inputs)), "cpu": cpu, "wall": wall, "rss_mb": peak}))


if __name__ == "__main__":
    main()
