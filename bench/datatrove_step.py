"""Runs a corpus of JSONL shards through datatrove's LocalPipelineExecutor with cleaner's step; run by bench/throughput.py.

    python datatrove_step.py SHARDS_DIR OUT_DIR LOGS_DIR WORKERS

JsonlReader -> CleanerFilter (default settings) -> JsonlWriter (uncompressed, as `cleaner clean`
writes JSONL), one task per shard, WORKERS at a time (datatrove's default start method). The caller
times the whole process, start-up included, as it times the CLI; this prints one JSON object with
what was read and written, and the time datatrove's own stats give the step.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main() -> None:
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from cleaner.integrations.datatrove import CleanerFilter

    shards, out, logs, workers = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
    tasks = len(list(shards.glob("*.jsonl")))
    step = CleanerFilter()
    executor = LocalPipelineExecutor(
        [JsonlReader(str(shards)), step, JsonlWriter(str(out), compression=None)],
        tasks=tasks,
        workers=workers,
        logging_dir=str(logs),
    )
    stats = executor.run()
    by_name = {s.name: s for s in stats.stats}
    filtered = by_name[f"{step.type}: {step.name}"]
    print(
        json.dumps(
            {
                "documents": int(filtered.stats["total"].total),
                "forwarded": int(filtered.stats["forwarded"].total),
                "step_seconds": filtered.time_stats.total,
                "written": sum(1 for p in out.glob("*.jsonl") for _ in p.open("rb")),
            }
        )
    )


if __name__ == "__main__":
    main()
