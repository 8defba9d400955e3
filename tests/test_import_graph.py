"""The import graph of `cleaner/`, read from the source with `ast`: no import cycle, and the library
core never imports the CLI (cleaner.cli, a module or a package, and cleaner.__main__) nor typer or
rich, which only the CLI uses.

Every import counts, at module level or inside a function (a deferred import still ties the modules
together when it runs), except those under `if TYPE_CHECKING:`, which never run.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from material import ROOT

PACKAGE = ROOT / "cleaner"
CLI_ONLY = ("typer", "rich", "click", "shellingham")
"""Third-party packages only the CLI may import."""


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_cli(module: str) -> bool:
    return module in ("cleaner.cli", "cleaner.__main__") or module.startswith("cleaner.cli.")


def _runtime_imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """The import statements of `tree` that run: those under `if TYPE_CHECKING:` are left out."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            yield from (n for child in node.orelse for n in _runtime_imports_of(child))
            continue
        yield from _runtime_imports_of(node)


def _runtime_imports_of(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    if isinstance(node, ast.Import | ast.ImportFrom):
        yield node
    else:
        yield from _runtime_imports(node)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports(module: str) -> set[str]:
    """The modules `module` imports when it runs: modules of cleaner by their full name (a name
    imported from a package is its submodule where one exists), others by their top-level name."""
    path = MODULES[module]
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {_known(alias.name) for alias in node.names}
            continue
        base = node.module or ""
        if node.level:
            anchor = module.split(".") if is_package else module.split(".")[:-1]
            anchor = anchor[: len(anchor) - (node.level - 1)]
            base = ".".join([*anchor, base] if base else anchor)
        for alias in node.names:
            sub = f"{base}.{alias.name}"
            found.add(sub if sub in MODULES else _known(base))
    found.discard(module)
    return found


def _known(name: str) -> str:
    """`name` if it is a module of cleaner (or its nearest package that is), else its top-level package."""
    if not name.startswith("cleaner"):
        return name.split(".")[0]
    parts = name.split(".")
    while ".".join(parts) not in MODULES and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


GRAPH = {module: {m for m in imports(module) if m in MODULES} for module in MODULES}


def _cycle() -> list[str] | None:
    """One import cycle among cleaner's modules, or None."""
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> list[str] | None:
        if module in path:
            return [*path[path.index(module) :], module]
        if module in done:
            return None
        for target in sorted(GRAPH[module]):
            cycle = visit(target, [*path, module])
            if cycle:
                return cycle
        done.add(module)
        return None

    for module in sorted(GRAPH):
        cycle = visit(module, [])
        if cycle:
            return cycle
    return None


def test_the_graph_is_read() -> None:
    # The reader finds what it must: otherwise the checks below pass on an empty graph.
    assert len(MODULES) > 30 and any(_is_cli(m) for m in MODULES)
    assert "cleaner.registry" in GRAPH["cleaner.pipeline"]
    assert "cleaner.rules.ads" in GRAPH["cleaner.registry"]  # a deferred import, inside a function
    assert "cleaner.content" in GRAPH["cleaner.rules.content"]
    assert "typer" in set().union(*(imports(m) for m in MODULES if _is_cli(m)))


def test_no_import_cycle_in_cleaner() -> None:
    assert _cycle() is None, " -> ".join(_cycle() or [])


def test_the_cycle_check_finds_a_cycle() -> None:
    GRAPH["cleaner.document"].add("cleaner.pipeline")
    try:
        assert _cycle() is not None
    finally:
        GRAPH["cleaner.document"].discard("cleaner.pipeline")


@pytest.mark.parametrize("module", sorted(m for m in MODULES if not _is_cli(m)))
def test_the_library_core_never_imports_the_cli(module: str) -> None:
    found = imports(module)
    assert not {m for m in found if _is_cli(m)}, module
    assert not found & set(CLI_ONLY), module
