"""Check that a change leaves the cleaner's output byte-identical (a speed change must).

    python bench/same_output.py write REF.json [--only text|html]   # with the reference code (e.g. main)
    python bench/same_output.py check REF.json [--only text|html]   # with the changed code: exit 1 on any difference

Text: cleans every dev raw page, every dev gold text, every CleanEval dev raw page and every fixture
(raw and expected) in every mode, with and without keep_captions, and records each output's text and
removals. HTML: every page of both dev sets' `html/` (458) through the HTML path as `cleaner clean`
runs it (decoding, cleaner.html.clean_page), in every mode, and records the output's text, removals
and warning. `--only` limits the run (and the check) to one of the two.
"""

from __future__ import annotations

import hashlib
import json
import sys
from itertools import product
from pathlib import Path

from _material import BENCH, ROOT

from cleaner.config import Config, Mode
from cleaner.decoding import NotTextError, decode
from cleaner.html import clean_page
from cleaner.pipeline import clean_and_explain


def inputs() -> list[tuple[str, Path]]:
    """(key, path) of each input; keys of the news dev set and fixtures are `raw/x.txt`, `seeds/x.txt`."""
    dev = BENCH / "dev"
    found = sorted((dev / "raw").glob("*.txt")) + sorted((dev / "gold").glob("*.txt"))
    found += sorted((ROOT / "fixtures").rglob("*.txt"))
    keyed = [(str(p.relative_to(p.parents[1])), p) for p in found]
    cleaneval = sorted((BENCH / "cleaneval-dev" / "raw").glob("*.txt"))
    return keyed + [(str(p.relative_to(BENCH)), p) for p in cleaneval]


def html_pages() -> list[tuple[str, Path]]:
    """(key, path) of each HTML page of both dev sets: `dev/html/x.html`, `cleaneval-dev/html/x.html`."""
    found = sorted((BENCH / "dev" / "html").glob("*.html")) + sorted((BENCH / "cleaneval-dev" / "html").glob("*.html"))
    return [(str(p.relative_to(BENCH)), p) for p in found]


def html_outputs() -> dict[str, str]:
    out: dict[str, str] = {}
    pages = html_pages()
    for mode in Mode:
        config = Config(mode=mode)
        for name, path in pages:
            try:
                text = decode(path.read_bytes(), name)
            except NotTextError as err:
                record = f"refused\0{err}"
            else:
                result, warning = clean_page(text, config, clean_and_explain)
                record = result.text + "\0" + repr(result.removals) + "\0" + repr(warning)
            out[f"html/{mode.value}/{name}"] = hashlib.sha256(record.encode("utf-8")).hexdigest()
    return out


def outputs(only: str | None = None) -> dict[str, str]:
    if only == "html":
        return html_outputs()
    out: dict[str, str] = {} if only == "text" else html_outputs()
    paths = inputs()
    for mode, captions in product(Mode, (False, True)):
        config = Config(mode=mode, keep_captions=captions)
        for name, path in paths:
            result = clean_and_explain(path.read_text(encoding="utf-8"), config)
            record = result.text + "\0" + repr(result.removals)
            key = f"{mode.value}/{int(captions)}/{name}"
            out[key] = hashlib.sha256(record.encode("utf-8")).hexdigest()
    return out


def main(argv: list[str]) -> int:
    action, target = argv[1], Path(argv[2])
    only = argv[argv.index("--only") + 1] if "--only" in argv else None
    if only not in (None, "text", "html"):
        raise SystemExit("--only takes text or html")
    got = outputs(only)
    if action == "write":
        target.write_text(json.dumps(got, indent=0, sort_keys=True), encoding="utf-8")
        print(f"wrote {len(got)} outputs to {target}")
        return 0
    want = json.loads(target.read_text(encoding="utf-8"))
    if only is not None:  # a reference of both parts checked for one of them
        want = {k: v for k, v in want.items() if k.startswith("html/") == (only == "html")}
    differ = sorted(k for k in want.keys() | got.keys() if want.get(k) != got.get(k))
    for key in differ:
        print("DIFFERS:", key)
    print(f"{len(got)} outputs, {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
