"""The house rules, enforced: arrows point down only.

The pure core must import neither Streamlit nor SQLAlchemy (nor the layers that do), only
``workbench.ui`` may import Streamlit, and only ``workbench.store`` may import SQLAlchemy.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "workbench"
CORE = ("model", "errors", "segment", "align", "glossary", "checks", "tm", "formats", "language")
SHELLS = ("workbench.store", "workbench.ui", "workbench.services", "workbench.cli")


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def module_files() -> dict[str, Path]:
    files = {}
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        files[".".join(relative.parts)] = path
    return files


def top(name: str) -> str:
    return name.split(".")[0]


def test_core_imports_no_framework_and_no_upper_layer() -> None:
    offenders = []
    for module, path in module_files().items():
        part = module.split(".")[1] if module.count(".") else ""
        if part not in CORE:
            continue
        for imported in imports_of(path):
            if top(imported) in {"streamlit", "sqlalchemy"} or imported.startswith(SHELLS):
                offenders.append(f"{module} imports {imported}")
    assert offenders == []


def test_only_ui_knows_streamlit_and_only_store_knows_sql() -> None:
    offenders = []
    for module, path in module_files().items():
        for imported in imports_of(path):
            if top(imported) == "streamlit" and not module.startswith("workbench.ui"):
                offenders.append(f"{module} imports {imported}")
            if top(imported) == "sqlalchemy" and not module.startswith("workbench.store"):
                offenders.append(f"{module} imports {imported}")
    assert offenders == []


def test_the_check_sees_every_module() -> None:
    """Guard the guard: if the walk found nothing, the tests above would pass vacuously."""
    modules = module_files()
    assert "workbench.model" in modules
    assert "workbench.ui.app" in modules
    assert any(m.startswith("workbench.store") for m in modules)
