"""The same input gives the same output on any machine, in any process and any thread: what a
distributed data pipeline needs when it calls `clean_text` in its workers."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from material import FIXTURES

from cleaner import Config, Mode, clean_and_explain, clean_text
from cleaner.config import UserRule, UserRuleKind

# Full pages (content detection at work) and the seeds (phrase rules), in every family.
PAGES = sorted((FIXTURES / "content").glob("*.raw.txt")) + sorted((FIXTURES / "seeds").glob("*.raw.txt"))
CONFIG = Config(
    mode=Mode.PRECISION,
    ignore=("CR003",),
    rules=(UserRule("USR001", "house.promo", UserRuleKind.LINE, (r"Read more at .+",), "A site's own promo line."),),
)

_EXPLAIN_ALL = """
import sys
from pathlib import Path
from cleaner import clean_and_explain
for name in sys.argv[1:]:
    result = clean_and_explain(Path(name).read_text(encoding="utf-8"))
    sys.stdout.write(result.text + "\\0" + repr(result.removals) + "\\0")
"""


def _explained_in_a_process(hash_seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    args = [sys.executable, "-c", _EXPLAIN_ALL, *map(str, PAGES)]
    return subprocess.run(args, capture_output=True, text=True, check=True, env=env).stdout


def test_outputs_do_not_depend_on_the_string_hash_seed() -> None:
    # Another seed orders sets and dicts of strings otherwise: no output may follow such an order.
    first = _explained_in_a_process("1")
    assert first.count("\0") == 2 * len(PAGES) and len(PAGES) > 20
    assert _explained_in_a_process("2024") == first


def test_threads_give_the_outputs_of_one_thread() -> None:
    texts = [p.read_text(encoding="utf-8") for p in PAGES] * 3
    alone = [clean_and_explain(t, CONFIG) for t in texts]
    with ThreadPoolExecutor(max_workers=6) as pool:
        assert list(pool.map(lambda t: clean_and_explain(t, CONFIG), texts)) == alone


def test_a_config_sent_to_a_worker_cleans_as_the_original() -> None:
    copy = pickle.loads(pickle.dumps(CONFIG))
    assert copy == CONFIG
    page = "Read more at example.org\n" + (FIXTURES / "content" / "menus_footer.raw.txt").read_text(encoding="utf-8")
    assert clean_text(page, copy) == clean_text(page, CONFIG)
    assert "Read more at" not in clean_text(page, copy)
