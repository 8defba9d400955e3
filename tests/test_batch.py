"""The batch and settings modules as a library: what the CLI builds on, on real files in tmp folders."""

from __future__ import annotations

import itertools
import math
import os
import pickle
import shutil
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from unittest import mock

import hypothesis
import pytest
from hypothesis import strategies as st
from material import DEV, FIXTURES, dev_files, needs_bench

from cleaner import batch, settings
from cleaner.batch import valve
from cleaner.batch.pool import MAX_CHUNK
from cleaner.batch.records import CHUNKS_IN_FLIGHT
from cleaner.batch.valve import clean_one
from cleaner.config import Config, Mode
from cleaner.files import Task, discover, discovery
from cleaner.pipeline import clean_text
from cleaner.text import word_count


def test_settings_become_config_fields(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.cleaner]\nmode = 'precision'\nkeep-captions = true\nmax-removal = 0.5\n"
        "[tool.cleaner.thresholds]\n'TL001.long-prose-words' = 30\n"
    )
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    loaded = settings.load(cwd=nested)
    assert loaded.source == tmp_path / "pyproject.toml"
    cfg = loaded.config
    assert (cfg.mode, cfg.keep_captions, cfg.max_removal) == (Mode.PRECISION, True, 0.5)
    assert cfg.thresholds == {"TL001.long-prose-words": 30.0}
    over = settings.with_overrides(cfg, mode=Mode.CONSERVATIVE, keep_captions=False, max_removal=0.9)
    assert (over.mode, over.keep_captions, over.max_removal) == (Mode.CONSERVATIVE, False, 0.9)
    assert over.thresholds == cfg.thresholds


def test_a_pyproject_without_tool_cleaner_gives_defaults(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'captures'\n")
    loaded = settings.load(cwd=tmp_path)
    assert loaded.source is None and loaded.config == Config()


def test_valve_refuses_only_above_the_fraction() -> None:
    text = "One two three four.\n\nLeave a Reply\n"  # cleaning removes 3 of 7 words
    assert not clean_one(text, Config(max_removal=3 / 7 + 1e-9), "t").refused
    refused = clean_one(text, Config(max_removal=0.4), "t")
    assert refused.refused and refused.text == text and refused.removed == {}
    assert "t: cleaning would remove 43% of its words" in refused.warnings[0]


def test_pool_results_equal_serial_results(tmp_path: Path, seeds_dir: Path) -> None:
    for k, raw in enumerate(sorted(seeds_dir.glob("*.raw.txt")) * 3):
        shutil.copy(raw, tmp_path / f"c{k:02d}.txt")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02")
    tasks = list(discover([tmp_path]))
    options = batch.Options(batch.Action.CHECK, Config(), diff=True)
    serial = [asdict(r) for r in batch.run(tasks, options, jobs=1)]
    pooled = [asdict(r) for r in batch.run(tasks, options, jobs=2)]
    assert serial == pooled
    assert [r["source"] for r in serial] == [str(t.source) for t in tasks]
    assert sum(r["error"] is not None for r in serial) == 1


def test_workers_are_sent_paths_not_contents(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("A sentence of the article.\n" * 20000)
    (task,) = discover([big])
    assert isinstance(task, Task)
    assert len(pickle.dumps(task)) < 500 < big.stat().st_size


def _tree(root: Path) -> None:
    """Names whose sorted order differs from a naive walk's: case, digits, '-' and '.' beside a folder
    of the same stem, hidden files, depth, a file that --glob leaves out, symlinks."""
    for rel in [
        "a.txt", "a-b/x.txt", "a/b.txt", "a/z/deep/1.txt", "a/Z.txt", "a/z.txt", "B.txt", "b/.h.txt",
        "10.txt", "9.txt", "a0/q.txt", "skip.md", "c/d/e/f.txt", "c/d.txt", "c/dd/g.txt",
    ]:  # fmt: skip
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(rel)
    (root / "link.txt").symlink_to(root / "a.txt")  # a symlinked file is taken
    (root / "linkdir").symlink_to(root / "c")  # a symlinked folder is not entered (as with rglob)


def test_discovery_order_is_that_of_sorting_every_path(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    root.mkdir()
    _tree(root)
    single = tmp_path / "one.txt"
    single.write_text("x")
    for glob in ["*.txt", "*", "a/*.txt,*.md"]:
        # What discovery did before it streamed: list the whole tree, then sort it.
        listed = sorted(p for p in root.rglob("*") if p.is_file() and discovery._matches(p.relative_to(root), glob))
        before = [Task(single, Path("one.txt"))] + [Task(p, p.relative_to(root)) for p in listed]
        assert list(discover([single, root], glob)) == before, glob
    assert len(before) > 3  # the last glob still finds files in several folders


def test_discovery_is_lazy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ["a", "b", "c"]:
        (tmp_path / name).mkdir()
        (tmp_path / name / "f.txt").write_text(name)
    listed: list[str] = []
    scandir = os.scandir

    def counting(path: Path) -> Iterator[os.DirEntry[str]]:
        listed.append(Path(path).name)
        return scandir(path)

    monkeypatch.setattr(discovery.os, "scandir", counting)
    tasks = discover([tmp_path])
    assert next(tasks).relative == Path("a/f.txt")
    assert listed == [tmp_path.name, "a"]  # b and c are not listed yet
    assert [t.relative for t in tasks] == [Path("b/f.txt"), Path("c/f.txt")]
    assert listed == [tmp_path.name, "a", "b", "c"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_run_reads_tasks_only_as_far_as_the_work_has_got(tmp_path: Path, jobs: int) -> None:
    for k in range(50):
        (tmp_path / f"c{k:02d}.txt").write_text(f"Story {k}.\n\nLeave a Reply\n")
    many = 100_000
    pulled = 0

    def tasks() -> Iterator[Task]:
        nonlocal pulled
        for task in itertools.islice(itertools.cycle(discover([tmp_path])), many):
            pulled += 1
            yield task

    results = batch.run(tasks(), batch.Options(batch.Action.CHECK), jobs=jobs)
    first = list(itertools.islice(results, 300))
    # In task order, and with only a bounded look-ahead: the head that sizes the pool, and a few chunks.
    assert [r.source for r in first] == [str(tmp_path / f"c{k % 50:02d}.txt") for k in range(300)]
    assert all(r.changed and r.error is None for r in first)
    bound = 300 if jobs == 1 else 300 + jobs * 8 * MAX_CHUNK + jobs * CHUNKS_IN_FLIGHT * MAX_CHUNK
    assert 300 <= pulled <= bound < many
    results.close()


@needs_bench
def test_default_max_removal_lets_every_real_cleaning_of_the_dev_pages_through() -> None:
    """The valve's default is above what correct cleaning removes from the full-page dumps (gold vs raw)."""
    from cleaner.text import word_count

    shares = [
        1 - word_count((DEV / "gold" / raw.name).read_text()) / word_count(raw.read_text()) for raw in dev_files("raw")
    ]
    assert len(shares) == 90
    assert max(shares) > 0.9  # why the default is not 0.9
    assert max(shares) < Config().max_removal


def test_the_valve_decides_as_the_plain_word_shares_do() -> None:
    # clean_one skips counting the input when even one word per character could not trip the valve.
    texts = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.rglob("*.raw.txt"))[:40]]
    texts += ["", "a", "Advertisement\n", "Share this:\nTweet\n", "日本\n\nShare\n", "x " * 50 + "\nShare this:\n"]
    for text, limit in itertools.product(texts, (-0.5, 0.0, 0.2, 0.5, 0.9, 0.98, 1.0, 2.0, math.nan)):
        config = Config(max_removal=limit)
        cleaned = clean_text(text, config)
        words_in = word_count(text)
        refused = bool(words_in) and 1 - word_count(cleaned) / words_in > limit
        outcome = clean_one(text, config, "t")
        assert outcome.refused is refused, (text[:30], limit)
        assert outcome.text == (text if refused else cleaned)


def test_file_results_are_made_in_one_place() -> None:
    # Sizes, changed and refused are worked out once (batch.report.file_result), for files, pages,
    # corpora and stdin alike: no step builds a FileResult of its own.
    import ast

    makers = []
    for module in Path(batch.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text())):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "FileResult":
                makers.append(module.name)
    assert makers == ["report.py"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_ctrl_c_at_any_line_of_the_run_loses_no_result_of_a_file_it_wrote(tmp_path: Path, jobs: int) -> None:
    """Ctrl-C is sent at the k-th line the run's own code steps through, for k across the whole run:
    every file rewritten is reported once, by `each` or by `finish`, and no other file is."""
    import signal
    import sys

    from cleaner.batch import pool

    def one_run(hit: int | None) -> int:
        folder = tmp_path / f"run{hit}"
        folder.mkdir()
        for k in range(8):
            (folder / f"c{k}.txt").write_text(f"Story {k}.\n\nLeave a Reply\n")
        run = batch.run(discover([folder]), batch.Options(batch.Action.FIX), jobs=jobs)
        lines = 0

        def tracer(frame, event, _arg):  # type: ignore[no-untyped-def]
            nonlocal lines
            if frame.f_code.co_filename != pool.__file__:
                return None
            if event == "line":
                lines += 1
                if lines == hit:
                    os.kill(os.getpid(), signal.SIGINT)
            return tracer

        reported: list[str] = []
        interrupted = False
        sys.settrace(tracer)
        try:
            run.each(lambda res: reported.append(res.source) if res.changed else None)
        except KeyboardInterrupt:
            sys.settrace(None)
            interrupted = True
            run.finish(lambda res: reported.append(res.source) if res.changed else None)
        finally:
            sys.settrace(None)
            run.close()
        rewritten = [str(p) for p in sorted(folder.iterdir()) if "Leave a Reply" not in p.read_text()]
        assert sorted(reported) == rewritten, hit
        assert interrupted == (hit is not None and hit <= lines), hit  # the Ctrl-C did stop the run
        return lines

    # A background job (as under CI or `make test &`) starts with Ctrl-C ignored: give this test
    # Python's usual Ctrl-C, as in a terminal.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        total = one_run(None)
        for hit in sorted({1, 2, 3, *range(4, total + 1, max(1, total // 12))}):
            one_run(hit)
    finally:
        signal.signal(signal.SIGINT, previous)


_LINE = st.lists(st.sampled_from(["word", "x", "日本語", "—", "a_b", "Ünïcode", "12", " ", "  ", "\t"]), max_size=30)


@hypothesis.settings(max_examples=300, deadline=None)
@hypothesis.given(
    st.lists(_LINE.map("".join), max_size=100),
    st.integers(0, 500),
    st.integers(0, 20_000),
    st.integers(-3, 3),
    st.floats(-0.5, 1.5),
)
def test_the_valve_decides_as_full_word_counts_do_when_it_counts_only_the_outputs_head(
    lines: list[str], wordless: int, extra: int, near: int, anywhere: float
) -> None:
    # The valve may count the words of the output's first lines only: a lower bound of its words.
    # Its decision must be the one full counts give, at every size and share, and right at the
    # valve's limit (`near` words from it) as well as anywhere; wordless lines after the words make
    # the head hold about all of them.
    cleaned = "\n".join(lines + ["— · … —" * 5] * wordless) + "\n"
    text = cleaned + "z " * extra
    words_in, words_out = word_count(text), word_count(cleaned)
    limits = [anywhere, math.nan, 1 - (words_out + near) / (len(text) + 1)]
    if words_in:
        limits.append(1 - (words_out + near) / words_in)
    for limit in limits:
        refused = bool(words_in) and 1 - words_out / words_in > limit
        with mock.patch.object(valve, "clean_and_count", return_value=(cleaned, {}, ())):
            outcome = clean_one(text, Config(max_removal=limit), "t")
        assert outcome.refused is refused, limit
        assert outcome.text == (text if refused else cleaned)
