"""STYLE.md rule 1: ``desktop/domain`` imports neither Qt nor SQL (nor the ``db`` package).

Two checks: a static one (every ``import`` statement of every module file, read with ``ast``,
relative imports resolved), and a dynamic one (importing every domain module in a fresh
interpreter does not pull a forbidden package into ``sys.modules``, even indirectly).
"""

from __future__ import annotations

import ast
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import desktop.domain

FORBIDDEN = ("PySide6", "shiboken6", "sqlalchemy", "alembic", "db")
DOMAIN_DIR = Path(desktop.domain.__file__).resolve().parent
ROOT = DOMAIN_DIR.parents[1]


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def imported_modules(source: str, module: str, is_package: bool) -> list[str]:
    """Absolute names of every module imported by ``source`` (relative imports resolved)."""
    tree = ast.parse(source)
    package = module if is_package else module.rpartition(".")[0]
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join(base_parts)
                target = ".".join(p for p in (base, node.module) if p)
                names.append(target)
                if not node.module:
                    names.extend(".".join(p for p in (base, alias.name) if p) for alias in node.names)
            else:
                names.append(node.module or "")
        elif isinstance(node, ast.Call):
            # importlib.import_module("x") / __import__("x") with a literal name
            func = node.func
            fname = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if fname in {"import_module", "__import__"} and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    names.append(first.value)
    return names


def forbidden_imports(source: str, module: str, is_package: bool = False) -> list[str]:
    return [n for n in imported_modules(source, module, is_package) if n.split(".")[0] in FORBIDDEN]


def domain_files() -> list[Path]:
    files = sorted(DOMAIN_DIR.rglob("*.py"))
    assert files, "no module found under desktop/domain"
    return files


def test_every_domain_module_is_found_by_pkgutil_too() -> None:
    """The file walk and pkgutil agree, so no module escapes the static check."""
    by_pkgutil = {
        m.name for m in pkgutil.walk_packages(desktop.domain.__path__, prefix="desktop.domain.")
    }
    by_files = {_module_name(p) for p in domain_files()} - {"desktop.domain"}
    assert by_pkgutil == by_files


@pytest.mark.parametrize("path", domain_files(), ids=lambda p: p.name)
def test_domain_module_imports_no_qt_or_sql(path: Path) -> None:
    found = forbidden_imports(path.read_text(encoding="utf-8"), _module_name(path), _is_package(path))
    assert not found, f"{path.relative_to(ROOT)} imports {found} (STYLE.md rule 1)"


@pytest.mark.parametrize(
    "source",
    [
        "import PySide6.QtCore",
        "from PySide6 import QtWidgets",
        "import sqlalchemy as sa",
        "from sqlalchemy.orm import Session",
        "from alembic import op",
        "import db.models",
        "from db import queries",
        "from ... import db",
        "def f():\n    import sqlalchemy\n",
        "import importlib\nimportlib.import_module('PySide6.QtGui')",
    ],
)
def test_the_checker_catches_forbidden_imports(source: str) -> None:
    """The static check can fail: each of these snippets is caught."""
    assert forbidden_imports(source, "desktop.domain.sample")


@pytest.mark.parametrize(
    "source",
    ["import decimal", "from desktop.domain.weights import parse_weight", "from . import regions", "import dbm"],
)
def test_the_checker_accepts_allowed_imports(source: str) -> None:
    assert not forbidden_imports(source, "desktop.domain.sample")


def test_importing_the_domain_loads_no_qt_or_sql() -> None:
    """Import every domain module in a fresh interpreter; no forbidden package gets loaded."""
    modules = sorted({_module_name(p) for p in domain_files()})
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    )
    loaded = json.loads(result.stdout)
    bad = sorted(m for m in loaded if m.split(".")[0] in FORBIDDEN)
    assert not bad, f"importing desktop.domain loads {bad}"
