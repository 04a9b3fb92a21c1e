"""The shape of the code, read with `ast`: no import circle anywhere in desk/ (imports at
the top, inside functions and under TYPE_CHECKING alike), no module outside the shell that
imports the main window, and no Qt in the core."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import desk

ROOT = Path(desk.__file__).resolve().parent
SHELL = "desk.ui.shell"
MAIN_WINDOW = "desk.ui.shell.window"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(ROOT.rglob("*.py"))}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """Every module of desk/ that `name` imports, wherever the import statement is."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            # `from package import module` imports the module; `from module import name`
            # the module alone.
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


@cache
def graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: imports_of(name, path, known) for name, path in found.items()}


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(edges.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return groups


def test_the_reader_sees_every_kind_of_import(tmp_path: Path) -> None:
    known = {"desk.a", "desk.b", "desk.c", "desk.d"}
    source = tmp_path / "a.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "import desk.b\n"
        "if TYPE_CHECKING:\n    from desk.c import Thing\n"
        "def late():\n    from desk import d\n"
    )
    assert imports_of("desk.a", source, known) == {"desk.b", "desk.c", "desk.d"}
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_of_desk_is_in_an_import_circle() -> None:
    assert circles(graph()) == []


def test_only_the_shell_imports_the_main_window() -> None:
    outside = sorted(
        name
        for name, imported in graph().items()
        if MAIN_WINDOW in imported and not name.startswith(SHELL)
    )
    assert outside == []


def test_the_core_never_imports_the_window_or_qt() -> None:
    for name, path in modules().items():
        if not name.startswith("desk.core"):
            continue
        text = path.read_text(encoding="utf-8")
        assert "PySide6" not in text, name
        assert not any(i.startswith("desk.ui") for i in graph()[name]), name
