"""The packages' faces stay deliberate (issue 16): `cleaner.batch` re-exports exactly what the CLI
uses of it, `cleaner.files` exactly what other packages of the library use of it, neither re-exports
an underscore name, and no module uses another module's underscore names (read with `ast`)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from material import ROOT

import cleaner.batch
import cleaner.files

PACKAGE = ROOT / "cleaner"
FACADES = {"cleaner.batch": cleaner.batch.__all__, "cleaner.files": cleaner.files.__all__}


def _name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _uses(path: Path, package: str) -> set[str]:
    """The names `path` takes from `package` itself (not from its submodules): `from package import
    x`, or `alias.x` where `alias` is the package imported whole."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parent, _, last = package.rpartition(".")
    aliases: set[str] = set()
    used: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == package and not node.level:
            used |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module == parent and not node.level:
            aliases |= {a.asname or a.name for a in node.names if a.name == last}
        elif isinstance(node, ast.Import):
            aliases |= {a.asname or a.name for a in node.names if a.name == package and a.asname}
            if any(a.name.startswith(package) and a.asname is None for a in node.names):
                aliases.add(package)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and ast.unparse(node.value) in aliases:
            used.add(node.attr)
    return used


def _used_by(package: str, users: list[Path]) -> set[str]:
    submodules = {_name(p).rpartition(".")[2] for p in (ROOT / package.replace(".", "/")).glob("*.py")}
    return set().union(*(_uses(p, package) for p in users)) - submodules


def _modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def test_the_batch_facade_is_what_the_cli_uses() -> None:
    used = _used_by("cleaner.batch", _modules("cleaner/cli"))
    assert {"Options", "route", "run", "explain"} <= used  # the reader finds the CLI's uses
    assert set(FACADES["cleaner.batch"]) == used


def test_the_files_facade_is_what_other_packages_use() -> None:
    users = [p for p in _modules("cleaner") if not p.is_relative_to(PACKAGE / "files")]
    used = _used_by("cleaner.files", users)
    assert {"Task", "atomic_write", "Terminated"} <= used
    assert set(FACADES["cleaner.files"]) == used


@pytest.mark.parametrize("package", sorted(FACADES))
def test_a_facade_re_exports_no_private_name(package: str) -> None:
    assert not [name for name in FACADES[package] if name.startswith("_")]


def _private_imports(path: Path) -> list[str]:
    """Underscore names `path` takes from another module of cleaner: `from m import _x`, or `m._x`
    where `m` is a module of cleaner it imported."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("cleaner"):
            found += [f"{node.module}.{a.name}" for a in node.names if _private(a.name)]
            modules |= {a.asname or a.name for a in node.names}
        elif isinstance(node, ast.Import):
            modules |= {a.asname or a.name for a in node.names if a.name.startswith("cleaner")}
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr) and ast.unparse(node.value) in modules:
            found.append(f"{ast.unparse(node.value)}.{node.attr}")
    return found


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def test_no_module_imports_another_modules_private_names() -> None:
    found = {p.relative_to(ROOT).as_posix(): names for p in _modules("cleaner") if (names := _private_imports(p))}
    assert not found, found
