"""Safety of files and processes (docs/inputs.md): a run stopped in any way leaves every file untouched
or fully written and no temporary file; workers die with their parent; a file edited during a run,
a file whose owner cannot be kept, or a path that is not a regular file is one error line and exit 2.
Through the real CLI on files in temporary folders; a subprocess wherever signals are involved."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

import cleaner.batch
import cleaner.batch.records
import cleaner.batch.steps
import cleaner.batch.valve
from cleaner import clean_text
from cleaner.cli import app

runner = CliRunner()
DIRTY = "The council approved the budget on Monday after a long debate.\n\nShare this article\n"
CLEANED = clean_text(DIRTY)


def _captures(folder: Path, seeds_dir: Path, count: int, repeat: int) -> tuple[list[Path], list[str], list[str]]:
    """`count` files of seed captures repeated `repeat` times (long enough that a run is still going
    when a signal comes); their texts, and their cleaned texts."""
    folder.mkdir()
    seeds = [raw.read_text() * repeat for raw in sorted(seeds_dir.glob("*.raw.txt"))]
    cleaned = [clean_text(t) for t in seeds]
    paths, texts, outs = [], [], []
    for k in range(count):
        path = folder / f"c{k:03d}.txt"
        path.write_text(seeds[k % len(seeds)])
        paths.append(path)
        texts.append(seeds[k % len(seeds)])
        outs.append(cleaned[k % len(seeds)])
    return paths, texts, outs


def _start(args: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "cleaner", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=os.environ | {"PYTHONUNBUFFERED": "1"},
        start_new_session=True,  # its own process group, so that the test can end every process it made
    )


def _finish(proc: subprocess.Popen[bytes], timeout: float) -> tuple[bytes, bytes]:
    """The run's output once every process holding its pipes has ended; fails if that takes longer
    than `timeout` (workers left behind hold the pipes open)."""
    try:
        return proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the group this test started, and nothing else
        proc.communicate()
        pytest.fail("processes of the run were still holding its pipes open after the run was stopped")


def _no_temporary_files(folder: Path) -> None:
    assert [p.name for p in folder.rglob("*") if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_die_with_their_parent(tmp_path: Path, seeds_dir: Path, sig: signal.Signals) -> None:
    paths, texts, cleaned = _captures(tmp_path / "captures", seeds_dir, 60, 12)
    proc = _start(["fix", str(tmp_path / "captures"), "--jobs", "2", "-q"])
    assert proc.stdout is not None
    assert proc.stdout.readline().startswith(b"Fixing ")
    os.kill(proc.pid, sig)  # the parent only, as `kill` or a supervisor would
    stopped = time.monotonic()
    _, err = _finish(proc, timeout=20)
    assert time.monotonic() - stopped < 10
    if sig == signal.SIGTERM:
        assert proc.returncode == 128 + signal.SIGTERM
        lines = err.decode().splitlines()
        assert len(lines) == 1 and lines[0].startswith("interrupted after "), lines
    # Nothing goes on writing after the run ended, and nothing is half written.
    now = [p.read_text() for p in paths]
    time.sleep(0.5)
    assert [p.read_text() for p in paths] == now
    assert all(n in (t, c) for n, t, c in zip(now, texts, cleaned, strict=True))
    assert sum(n == c != t for n, t, c in zip(now, texts, cleaned, strict=True)) < len(paths)
    _no_temporary_files(tmp_path)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_closed_stdout_stops_the_run_and_its_workers(tmp_path: Path, seeds_dir: Path, jobs: str) -> None:
    paths, _, _ = _captures(tmp_path / "captures", seeds_dir, 40, 12)
    proc = _start(["clean", *map(str, paths), "--jobs", jobs, "-q"])  # cleaned texts to stdout
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(100)
    proc.stdout.close()  # as `| head -c 100` does
    try:
        err = proc.stderr.read()
        proc.wait(timeout=20)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 128 + signal.SIGPIPE, err
    lines = err.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("stdout closed (broken pipe): stopped after "), lines


def test_paths_that_are_not_regular_files_are_one_error_line_each(tmp_path: Path) -> None:
    fifo, corpus = tmp_path / "fifo.txt", tmp_path / "fifo.jsonl"
    os.mkfifo(fifo)
    os.mkfifo(corpus)
    dirty = tmp_path / "dirty.txt"
    dirty.write_text(DIRTY)
    for command in (["check"], ["fix"], ["clean", "-o", str(tmp_path / "out")]):
        proc = _start([*command, str(fifo), "/dev/zero", str(corpus), str(dirty), "-q", "--jobs", "1"])
        out, err = _finish(proc, timeout=30)  # a FIFO waits for a writer forever if it is opened to read
        assert proc.returncode == 2, err
        assert err.decode().splitlines() == [
            f"error: {fifo}: a FIFO, not a regular file; skipped",
            "error: /dev/zero: a character device, not a regular file; skipped",
            f"error: {corpus}: a FIFO, not a regular file; skipped",
        ]
        if command == ["check"]:
            assert out.decode() == f"Would fix {dirty}\n"
    assert dirty.read_text() == CLEANED
    assert (tmp_path / "out" / "dirty.txt").read_text() == CLEANED


def test_report_writes_names_that_are_not_utf8(tmp_path: Path) -> None:
    odd = tmp_path / os.fsdecode(b"caf\xe9 \xff.txt")  # Latin-1 bytes, as an old capture tool wrote them
    odd.write_text(DIRTY)
    (tmp_path / "café.txt").write_text(DIRTY)
    report = tmp_path / "report.json"
    result = runner.invoke(app, ["check", str(tmp_path), "--report", str(report), "-q"])
    assert result.exit_code == 1, result.output
    text = report.read_text(encoding="utf-8")  # valid UTF-8, valid JSON
    assert "café.txt" in text and "\\udce9" in text
    names = {os.fsencode(Path(f["path"]).name) for f in json.loads(text)["files"]}
    assert names == {b"caf\xe9 \xff.txt", "café.txt".encode()}


@pytest.mark.parametrize("report", ["/proc/report.json", "/proc/none/report.json"])
def test_report_path_is_checked_before_the_run(tmp_path: Path, report: str) -> None:
    dirty = tmp_path / "dirty.txt"
    dirty.write_text(DIRTY)
    result = runner.invoke(app, ["fix", str(dirty), "--report", report])
    assert result.exit_code == 2
    assert result.output.splitlines() == [f"error: --report {report}: cannot write there: No such file or directory"]
    assert dirty.read_text() == DIRTY  # the run did not start
    assert [p.name for p in tmp_path.iterdir()] == ["dirty.txt"]


needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")


@needs_root
def test_fix_as_root_keeps_owner_group_and_mode(tmp_path: Path) -> None:
    theirs = tmp_path / "theirs.txt"
    theirs.write_text(DIRTY)
    os.chown(theirs, 4321, 4322)
    theirs.chmod(0o640)
    result = runner.invoke(app, ["fix", str(theirs), "-q"])
    assert result.exit_code == 1, result.output
    assert theirs.read_text() == CLEANED
    st = theirs.stat()
    assert (st.st_uid, st.st_gid, st.st_mode & 0o7777) == (4321, 4322, 0o640)


@needs_root
def test_fix_leaves_a_file_whose_owner_cannot_be_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    theirs, mine = tmp_path / "theirs.txt", tmp_path / "mine.txt"
    theirs.write_text(DIRTY)
    mine.write_text(DIRTY)
    os.chown(theirs, 4321, 4322)

    def refused(path: object, uid: int, gid: int) -> None:  # as for a user who is not root
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "chown", refused)
    result = runner.invoke(app, ["fix", str(theirs), str(mine), "-q", "--jobs", "1"])
    assert result.exit_code == 2
    assert (
        f"error: {theirs}: cannot keep its owner and group (4321:4322): Operation not permitted; left as it is"
        in result.output.splitlines()
    )
    assert theirs.read_text() == DIRTY and theirs.stat().st_uid == 4321
    assert mine.read_text() == CLEANED
    _no_temporary_files(tmp_path)


def _append(path: Path) -> None:
    with path.open("a") as handle:
        handle.write("\nA paragraph added while the run was going.\n")


def _same_size_later(path: Path) -> None:
    path.write_text(path.read_text().upper())
    later = path.stat().st_mtime_ns + 1_000_000_000
    os.utime(path, ns=(later, later))


def _replaced(path: Path) -> None:
    new = path.with_name(".new")
    new.write_text(path.read_text())  # same bytes, another file: an editor's save
    os.replace(new, path)


@pytest.mark.parametrize("edit", [_append, _same_size_later, _replaced])
def test_fix_leaves_a_file_edited_during_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: Callable[[Path], None]
) -> None:
    doc, other = tmp_path / "doc.txt", tmp_path / "other.txt"
    doc.write_text(DIRTY)
    other.write_text(DIRTY)
    clean_one = cleaner.batch.valve.clean_one

    def edited_meanwhile(text: str, config: Any, name: str) -> cleaner.batch.valve.Outcome:
        if name == str(doc):
            edit(doc)
        return clean_one(text, config, name)

    monkeypatch.setattr(cleaner.batch.steps, "clean_one", edited_meanwhile)
    after_edit = tmp_path / "expected.txt"
    after_edit.write_text(DIRTY)
    edit(after_edit)
    result = runner.invoke(app, ["fix", str(doc), str(other), "-q", "--jobs", "1"])
    assert result.exit_code == 2
    assert f"error: {doc}: changed while it was being cleaned; left as it is, with the change" in result.output
    assert doc.read_text() == after_edit.read_text()
    assert other.read_text() == CLEANED
    _no_temporary_files(tmp_path)


def test_fix_leaves_a_corpus_edited_during_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus.jsonl"
    record = json.dumps({"text": DIRTY}) + "\n"
    corpus.write_text(record * 3)
    clean = cleaner.batch.records.RecordCleaner.__call__

    def edited_meanwhile(self: cleaner.batch.records.RecordCleaner, text: str) -> str:
        if corpus.stat().st_size == len(record) * 3:
            with corpus.open("a") as handle:
                handle.write(json.dumps({"text": "A record added during the run."}) + "\n")
        return clean(self, text)

    monkeypatch.setattr(cleaner.batch.records.RecordCleaner, "__call__", edited_meanwhile)
    result = runner.invoke(app, ["fix", str(corpus), "-q", "--jobs", "1"])
    assert result.exit_code == 2
    assert "changed while it was being cleaned" in result.output
    assert corpus.read_text() == record * 3 + json.dumps({"text": "A record added during the run."}) + "\n"
    _no_temporary_files(tmp_path)


# Where a signal may land: every line the run executes in the modules that read, write and report.
# (Each is a module or a package of modules.)
_PACKAGE = Path(cleaner.batch.__file__).parent.parent
_STEPS = tuple(
    str(path)
    for name in ("files", "batch", "jsonl", "cli")
    for path in ([_PACKAGE / f"{name}.py"] if (_PACKAGE / f"{name}.py").exists() else (_PACKAGE / name).glob("*.py"))
)


class _SignalAt:
    """A trace function that sends a real SIGINT to this process at the n-th line executed in _STEPS:
    the kernel and the CLI's handlers then do what they do for a Ctrl-C at that point. It notes the
    lines of a temporary file's life (files.replacing) for the corpus, which is written as it streams."""

    def __init__(self, at: int) -> None:
        self.at, self.seen = at, 0
        self.writing: list[int] = []

    def __call__(self, frame: FrameType, event: str, arg: object) -> Any:
        if event == "call":
            return self if frame.f_code.co_filename in _STEPS else None
        if event == "line":
            self.seen += 1
            if frame.f_code.co_name in ("replacing", "commit") and str(frame.f_locals["path"]).endswith(".jsonl"):
                self.writing.append(self.seen)
            if self.seen == self.at:
                signal.raise_signal(signal.SIGINT)
        return self


def _tree(root: Path) -> Iterator[tuple[Path, str]]:
    """A small tree of each kind a run writes: text files (written whole) and a corpus (streamed)."""
    yield root / "a.txt", DIRTY
    yield root / "sub" / "b.txt", "Nothing to clean in this line of the story.\n"
    yield root / "c.jsonl", (json.dumps({"text": DIRTY}) + "\n") * 2


@pytest.mark.parametrize("command", ["fix", "clean"])
def test_an_interrupt_at_any_point_leaves_no_temporary_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    cli = typer.main.get_command(app)  # once: CliRunner would build it for each of the many runs

    def run(k: int, at: int) -> tuple[dict[Path, str | None], _SignalAt]:
        """The files after a run over a fresh tree interrupted at the `at`-th point (never if 0)."""
        root = tmp_path / f"run{k}"
        for path, text in _tree(root / "in"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
        args = [command, str(root / "in"), "--glob", "*.txt,*.jsonl", "--jobs", "1", "-q"]
        if command == "clean":
            args += ["-o", str(root / "out")]
        trace = _SignalAt(at)
        sys.settrace(trace)
        try:
            cli.main(args, prog_name="cleaner")
        except SystemExit:
            pass
        finally:
            sys.settrace(None)
        assert "Traceback" not in capsys.readouterr().err
        _no_temporary_files(root)
        outs = [
            path if command == "fix" else root / "out" / path.relative_to(root / "in") for path, _ in _tree(root / "in")
        ]
        return {out.relative_to(root): out.read_text() if out.exists() else None for out in outs}, trace

    whole, dry = run(0, 0)  # no signal: the outputs, and the points where a signal may land
    before = {out: text if command == "fix" else None for out, (_, text) in zip(whole, _tree(Path()), strict=True)}
    assert sum(whole[out] != before[out] for out in whole) == (2 if command == "fix" else 3)
    # Every point of the corpus's temporary file's life, where one could be left, and a sample of the
    # others (a text file is written whole, with signals held).
    elsewhere = sorted(set(range(1, dry.seen + 1)) - set(dry.writing))
    assert dry.seen > 300 and len(dry.writing) >= 10
    points = dry.writing + random.Random(command).sample(elsewhere, 20)
    for k, at in enumerate(points, start=1):
        # Each file untouched (or not written) or fully written, and nothing else.
        assert all(now in (before[out], whole[out]) for out, now in run(k, at)[0].items()), at


def test_fix_says_nothing_of_a_file_changed_into_its_cleaned_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same file reached twice in a run (a link inside the tree), fixed by the other worker first.
    doc = tmp_path / "doc.txt"
    doc.write_text(DIRTY)
    clean_one = cleaner.batch.valve.clean_one

    def fixed_meanwhile(text: str, config: Any, name: str) -> cleaner.batch.valve.Outcome:
        doc.write_text(CLEANED)
        return clean_one(text, config, name)

    monkeypatch.setattr(cleaner.batch.steps, "clean_one", fixed_meanwhile)
    result = runner.invoke(app, ["fix", str(doc), "-q", "--jobs", "1"])
    assert result.exit_code == 1, result.output
    assert result.output == f"Fixing {doc}\n"
    assert doc.read_text() == CLEANED
    _no_temporary_files(tmp_path)


# Where a worker forked now records the signal mask it was born with (see below); None: record nothing.
_born_masks: Path | None = None


def _record_mask_at_birth() -> None:
    if _born_masks is not None:
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, [])
        (_born_masks / str(os.getpid())).write_text(" ".join(str(int(s)) for s in sorted(mask)))


os.register_at_fork(after_in_child=_record_mask_at_birth)


@pytest.mark.parametrize("corpus", [False, True], ids=["files", "records"])
def test_workers_are_born_with_stop_signals_blocked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, corpus: bool
) -> None:
    # A stop signal that reaches a fresh fork before the interpreter resets its signal state there is
    # lost, and a pool told to terminate then waits forever for that worker (seen under load: a
    # truncated .jsonl.gz stops the run right after its workers are forked). Blocked at birth, the
    # signal waits in the kernel until the worker's own handlers are in place.
    masks = tmp_path / "masks"
    masks.mkdir()
    inputs = tmp_path / "in"
    inputs.mkdir()
    if corpus:
        lines = [json.dumps({"text": f"Story {k}.\n\nShare this article\n"}) for k in range(200)]
        (inputs / "c.jsonl").write_text("\n".join(lines) + "\n")
    else:
        for k in range(8):
            (inputs / f"c{k}.txt").write_text(DIRTY)
    tasks = list(cleaner.files.discover([inputs / "c.jsonl"] if corpus else [inputs]))
    monkeypatch.setattr(sys.modules[__name__], "_born_masks", masks)
    # fix, so that a corpus's records are spread over the workers (they are where there is an output)
    results = list(cleaner.batch.run(tasks, cleaner.batch.Options(cleaner.batch.Action.FIX), jobs=2))
    assert all(r.changed and r.error is None for r in results)
    born = [set(map(int, p.read_text().split())) for p in masks.iterdir()]
    assert born, "no worker was forked"
    stops = {int(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    assert all(stops <= mask for mask in born), born
    # The parent's mask is as it was.
    assert not stops & {int(s) for s in signal.pthread_sigmask(signal.SIG_BLOCK, [])}


_DEAF_WORKERS = """
import gzip, json, signal, sys, time
from pathlib import Path
import cleaner.batch.records as records
from cleaner.batch.workers import init_worker

def deaf(*args):
    init_worker(*args)
    try:  # the first worker only; the other does the work
        open(sys.argv[1] + ".deaf", "x").close()
    except FileExistsError:
        return
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # as a worker whose SIGTERM was lost,
    time.sleep(3600)  # and that never reaches the pool's queue (where a sentinel would end it)

records.init_worker = deaf
records.TERMINATE_GRACE = 0.5
corpus = Path(sys.argv[1])
lines = [json.dumps({"id": k, "text": f"Story {k} of the day, with its own words {k * 7919}."}) for k in range(4000)]
corpus.write_bytes(gzip.compress(("\\n".join(lines) + "\\n").encode())[:3000])
from cleaner.cli import app
app(["fix", str(corpus), "--jobs", "2"])
"""


def test_a_stop_never_waits_for_ever_on_a_worker_that_does_not_die(tmp_path: Path) -> None:
    # A truncated corpus stops the record workers right after they are forked; one that does not die
    # on its SIGTERM is killed after the grace period instead of holding the run for ever.
    corpus = tmp_path / "c.jsonl.gz"
    proc = subprocess.run(
        [sys.executable, "-c", _DEAF_WORKERS, str(corpus)], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 2 and "compressed data ends early" in proc.stderr, proc.stderr


def test_a_worker_forked_inside_a_held_block_still_dies_on_sigterm() -> None:
    # The held-block count is module state, copied into a fork: a worker born while its parent held
    # stop signals (writing a file) deferred every SIGTERM to a block end that never came.
    from cleaner.batch.workers import init_worker, prepare_workers

    prepare_workers()
    with cleaner.files.signals_held():
        pid = os.fork()
        if pid == 0:  # the worker
            try:
                init_worker(cleaner.batch.Options(cleaner.batch.Action.CHECK), os.getppid())
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(5)
            finally:
                os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 128 + signal.SIGTERM


class _StopInItsFinaliser:
    """Sends this process a SIGTERM from its finaliser, whose handler then runs inside the finaliser
    (as when the garbage collector finalises an object just as a stop comes)."""

    def __del__(self) -> None:
        os.kill(os.getpid(), signal.SIGTERM)
        for _ in range(10_000):
            pass


def test_a_stop_raised_inside_a_finaliser_is_sent_again() -> None:
    # Python prints an exception raised in a finaliser and drops it: a stop lost so (seen in a worker,
    # inside a `regex` object's __del__) left the worker running until it was killed.
    previous = signal.signal(signal.SIGTERM, cleaner.files.deferred(cleaner.files.stop_signal))
    restore = cleaner.files.stops_outlive_finalisers()
    try:
        with pytest.raises(cleaner.files.Terminated):
            _StopInItsFinaliser()
            time.sleep(1)
    finally:
        restore()
        signal.signal(signal.SIGTERM, previous)


def test_a_workers_stop_inside_a_finaliser_still_stops_it() -> None:
    from cleaner.batch.workers import in_step, init_worker, prepare_workers

    prepare_workers()
    pid = os.fork()
    if pid == 0:  # the worker
        try:
            init_worker(cleaner.batch.Options(cleaner.batch.Action.CHECK), os.getppid())
            with in_step():
                _StopInItsFinaliser()
                time.sleep(0.5)
        except cleaner.files.Terminated as stop:
            os._exit(128 + stop.signum)
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 128 + signal.SIGTERM


_CUT_SHORT = """
import os, sys, time
import multiprocessing.connection as connection
from pathlib import Path
import cleaner.batch.pool as pool

parent, marker, how = os.getpid(), sys.argv[1], sys.argv[2]
send = connection.Connection._send

def half_then_wait(self, buf, write=os.write):
    # In a worker, the first result sent: half of it goes into the pipe, and the worker is still sending
    # (a pipe full, a reader behind) when its stop comes.
    if os.getpid() == parent:
        return send(self, buf)
    try:
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL))
    except FileExistsError:
        return send(self, buf)
    write(self.fileno(), bytes(buf)[: len(buf) // 2])
    if how == "killed":  # killed there (out of memory, SIGKILL), its stop not asked for
        import signal
        os.kill(os.getpid(), signal.SIGKILL)
    if how == "stuck":  # and one that does not end on its SIGTERM (a long call into C)
        import signal
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    time.sleep(3600)

connection.Connection._send = half_then_wait
pool.STOP_GRACE = 0.5
from cleaner.cli import app
app(sys.argv[3:])
"""


@pytest.mark.parametrize("worker", ["dies", "stuck"])
def test_a_stop_never_waits_for_ever_on_a_result_cut_short(tmp_path: Path, worker: str) -> None:
    # A worker stopped while it sends a result leaves half a message in the pool's result pipe; the
    # pool's reader then waited for the rest for ever, and the run with it (seen under load with a
    # closed stdout). The stop now ends every worker (killing one that outlives its SIGTERM) and the
    # reader sees the pipe end.
    proc, out = _start_cut_short(tmp_path, worker)
    os.kill(proc.pid, signal.SIGTERM)
    _, err = _finish(proc, timeout=8)
    assert proc.returncode == 128 + signal.SIGTERM, err
    lines = err.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("interrupted after "), lines
    assert all(path.read_text() == CLEANED for path in out.rglob("*.txt"))
    _no_temporary_files(tmp_path)


def test_a_worker_killed_while_it_sends_a_result_ends_the_run_with_an_error(tmp_path: Path) -> None:
    # Killed with half a result sent, the worker leaves the pool's reader waiting for the rest, the
    # pool never marked broken, and the other worker waiting for the pipe's lock for ever: the run
    # must still end, as for any killed worker.
    proc, out = _start_cut_short(tmp_path, "killed")
    _, err = _finish(proc, timeout=15)
    assert proc.returncode == 2, err
    lines = err.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: a worker process was killed"), lines
    assert all(path.read_text() == CLEANED for path in out.rglob("*.txt"))
    _no_temporary_files(tmp_path)


def _start_cut_short(tmp_path: Path, worker: str) -> tuple[subprocess.Popen[bytes], Path]:
    """A `clean --jobs 2` run whose first worker result is sent half (see _CUT_SHORT), in a terminal's
    signal state (Ctrl-C not ignored, as it is in a background job); returns once that half is sent."""
    inputs, out, marker = tmp_path / "in", tmp_path / "out", tmp_path / "half-sent"
    inputs.mkdir()
    for k in range(6):
        (inputs / f"c{k}.txt").write_text(DIRTY)
    args = [str(marker), worker, "clean", str(inputs), "-o", str(out), "--jobs", "2", "-q"]
    proc = subprocess.Popen(
        [sys.executable, "-c", _CUT_SHORT, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, so that the test can end every process it made
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 30
    while not marker.exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    assert marker.exists(), proc.communicate()
    return proc, out


def _interrupted(proc: subprocess.Popen[bytes], tmp_path: Path, out: Path, timeout: float) -> None:
    _, err = _finish(proc, timeout=timeout)
    assert proc.returncode == 130, err
    lines = err.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("interrupted after "), lines
    assert all(path.read_text() == CLEANED for path in out.rglob("*.txt"))
    _no_temporary_files(tmp_path)


def test_after_ctrl_c_the_wait_for_the_files_in_hand_ends_when_a_worker_dies(tmp_path: Path) -> None:
    # After Ctrl-C the run waits for the chunks the workers hold; a worker killed with half a result
    # sent made that wait (the pool's shutdown) last for ever.
    proc, out = _start_cut_short(tmp_path, "killed")
    os.kill(proc.pid, signal.SIGINT)
    _interrupted(proc, tmp_path, out, timeout=15)


def test_a_second_ctrl_c_stops_the_workers_at_once(tmp_path: Path) -> None:
    # The first Ctrl-C waits for the files in hand; a worker that does not finish (a long call into C)
    # kept the run waiting even after a second Ctrl-C.
    proc, out = _start_cut_short(tmp_path, "stuck")
    os.kill(proc.pid, signal.SIGINT)
    time.sleep(1.0)
    assert proc.poll() is None  # still waiting for the stuck worker, as asked
    os.kill(proc.pid, signal.SIGINT)
    _interrupted(proc, tmp_path, out, timeout=10)
