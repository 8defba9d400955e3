"""cleaner as one step of a datatrove pipeline: `pip install 'cleaner[datatrove]'`.

datatrove (Hugging Face's engine for web-scale corpora) brings the readers (JSONL, Parquet, WARC),
the executors (local, Slurm, Ray), per-task statistics and resumable tasks; this step only cleans
each document's text, exactly as `cleaner clean` cleans a JSONL record (the same settings, the
same --max-removal valve per document), so a corpus cleaned on a cluster is byte for byte the one
the CLI gives. See docs/scale-out.md.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleaner.integrations.datatrove import CleanerFilter

    LocalPipelineExecutor(
        [JsonlReader("raw/"), CleanerFilter(mode="conservative"), JsonlWriter("clean/")],
        tasks=8, workers=2, logging_dir="logs/",
    ).run()

Settings are resolved once, where the pipeline is built (as the CLI resolves them where it
starts); the checked `Config` travels to every task with the pickled step, so a Slurm node needs
no pyproject.toml of its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from datatrove.pipeline.filters.base_filter import BaseFilter

from cleaner import settings
from cleaner.batch.valve import clean_one
from cleaner.config import Config, Mode
from cleaner.html import HtmlMode, html_to_text
from cleaner.jsonl_splice import record_text
from cleaner.registry import all_rules

if TYPE_CHECKING:
    from datatrove.data import Document
    from datatrove.pipeline.writers.disk_base import DiskWriter

__all__ = ["CHANGED", "EMPTY", "HTML_FALLBACK", "HTML_FLATTENED", "REFUSED", "REMOVED_PREFIX", "CleanerFilter"]

# Stat names, as they appear in each task's stats file and in `merge_stats`' summary.
CHANGED = "documents_changed"
REFUSED = "left_unchanged_by_max_removal"
HTML_FALLBACK = "html_no_main_content"
"""An HTML document whose main content trafilatura could not find: its whole visible text was cleaned."""
HTML_FLATTENED = "html_flattened"
"""An HTML document nested deeper than the parser reads: tags below cleaner.html_depth.MAX_DEPTH levels dropped, text kept."""
REMOVED_PREFIX = "lines_removed/"
"""Followed by `<rule id> <rule name>`: the input lines that rule removed (total, and per document it acted on)."""
EMPTY = "empty"
"""The reason of a dropped document (datatrove counts it as `dropped_empty`): cleaning left no text."""


class CleanerFilter(BaseFilter):  # type: ignore[misc]  # datatrove ships no type information
    """Cleans each document's text in place; a document left with no text is dropped (and counted).

    Args:
        config: the settings; by default those `cleaner clean` would use here: `config_file`, else
            `[tool.cleaner]` in the nearest pyproject.toml above the working directory, else defaults.
        config_file: a TOML settings file or a pyproject.toml with a `[tool.cleaner]` table.
        mode: overrides the configured mode (as `--mode` does).
        html: the text of each document is an HTML page (WARC input): its main content is extracted
            and then cleaned, as `cleaner clean page.html` does.
        html_mode: trafilatura's precision/recall trade-off for that extraction (`--html-mode`).
        exclusion_writer: a datatrove writer that receives the dropped documents.

    The id, media and metadata of each document are left as they came.
    """

    name = "🧹 cleaner"

    def __init__(
        self,
        config: Config | None = None,
        *,
        config_file: str | Path | None = None,
        mode: Mode | str | None = None,
        html: bool = False,
        html_mode: HtmlMode | str = HtmlMode.DEFAULT,
        exclusion_writer: DiskWriter | None = None,
    ) -> None:
        super().__init__(exclusion_writer)
        if config is not None and config_file is not None:
            raise ValueError("give either config or config_file, not both")
        base = config if config is not None else settings.load(Path(config_file) if config_file else None).config
        # Checked here, where the pipeline is built: a bad setting stops it before any task starts.
        self.config = settings.with_overrides(base, mode=_mode(mode) if mode is not None else None)
        self.html = html
        self.html_mode = HtmlMode(html_mode)
        self.stat_names = {rule.id: f"{REMOVED_PREFIX}{rule.id} {rule.name}" for rule in all_rules(self.config)}

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        """Clean `doc.text` in place; False (with the reason) when nothing is left."""
        text: str = doc.text
        if self.html:
            page = html_to_text(text, self.html_mode)
            if page.fallback:
                self.stat_update(HTML_FALLBACK)
            if page.flattened:
                self.stat_update(HTML_FLATTENED)
            # A page becomes text, as `cleaner clean page.html` writes it.
            outcome = clean_one(page.text, self.config, str(doc.id))
            cleaned = outcome.text
        else:
            outcome = clean_one(text, self.config, str(doc.id))
            cleaned = record_text(text, outcome.text)  # as a JSONL record's text is cleaned
        if outcome.refused:
            self.stat_update(REFUSED)
        for rule_id, lines in outcome.removed.items():
            self.stat_update(self.stat_names[rule_id], value=lines)
        if cleaned != text:
            self.stat_update(CHANGED)
            doc.text = cleaned
        if not cleaned or cleaned.isspace():
            return False, EMPTY
        return True


def _mode(value: Mode | str) -> Mode:
    try:
        return Mode(value)
    except ValueError:
        raise ValueError(f"mode must be one of {', '.join(m.value for m in Mode)}, not {value!r}") from None
