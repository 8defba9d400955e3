"""Runs datatrove's C4 line rules over a list of files, in one process; run by bench/throughput.py.

It is run with the Python of a virtual environment that has datatrove 0.10.1 (not the project's).
The filter is called on `Document` objects directly, as datatrove's own `BaseFilter.run` does, without
the pipeline executor, so the time is reading the files plus the filter and nothing else. The time
printed starts after datatrove is imported (its start-up is reported apart by the caller).

Usage: python datatrove_c4.py LIST_FILE  (one path a line); prints one JSON object.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main() -> None:
    t_import = time.perf_counter()
    from datatrove.data import Document
    from datatrove.pipeline.filters.c4_filters import C4QualityFilter

    # Only the line rules: no page-level drop on sentence count, curly brackets or lorem ipsum.
    c4 = C4QualityFilter(min_num_sentences=-1, filter_curly_bracket=False, filter_lorem_ipsum=False)
    paths = Path(sys.argv[1]).read_text(encoding="utf-8").splitlines()
    start, cpu_start = time.perf_counter(), time.process_time()
    files = size_in = size_out = 0
    for n, path in enumerate(paths):
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        doc = Document(text=text, id=str(n))
        result = c4.filter(doc)
        kept = result if isinstance(result, bool) else result[0]
        files += 1
        size_in += len(text.encode("utf-8"))
        size_out += len(doc.text.encode("utf-8")) if kept else 0
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    print(
        json.dumps(
            {
                "files": files,
                "bytes_in": size_in,
                "bytes_out": size_out,
                "seconds": elapsed,
                "cpu_seconds": cpu,
                "import_seconds": start - t_import,
            }
        )
    )


if __name__ == "__main__":
    main()
