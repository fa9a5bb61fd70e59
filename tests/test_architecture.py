"""The shape of the house, checked on every module under game/: the layer rules written in
docs/architecture.md hold, and no module imports itself round a circle.

Every `import` in a module counts, at the top or inside a function (a function's
import runs too, only later); imports under `if TYPE_CHECKING:` do not, since
they never run. The rules are read from the doc's table, so the doc and the
code cannot drift apart.
"""

from __future__ import annotations

import ast
import functools
import importlib.util
import pkgutil
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import game

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "architecture.md"
# A row of the layer table: | `game/core` | its job | may import |
ROW = re.compile(r"^\| `(game(?:/[a-z_]+(?:\.py)?)?)` \| .*? \| (.*?) \|$", re.MULTILINE)
STANDARD_LIBRARY = frozenset(sys.stdlib_module_names)


@functools.cache
def modules() -> list[str]:
    """Every module of the game package, found by walking it (no list kept by hand)."""
    found = ["game"]
    for info in pkgutil.walk_packages(game.__path__, "game."):
        found.append(info.name)
    return sorted(found)


def source_of(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin is not None
    return Path(spec.origin)


def _type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _type_checking(child.test):
            yield from (i for n in child.orelse for i in _imports_in(n))
            continue
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child
        yield from _imports(child)


def _imports_in(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    if isinstance(node, ast.Import | ast.ImportFrom):
        yield node
    yield from _imports(node)


def imported(module: str, known: set[str]) -> set[str]:
    """The modules `module` imports when it runs: game modules by name, others by top package."""
    tree = ast.parse(source_of(module).read_text(encoding="utf-8"))
    package = module if source_of(module).name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in _imports(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
            continue
        base = node.module or ""
        if node.level:
            parts = package.split(".")
            base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
        for alias in node.names:
            submodule = f"{base}.{alias.name}"
            found.add(submodule if submodule in known else base)
    return {name if name in known else name.split(".")[0] for name in found}


def layer_of(module: str) -> str:
    """The doc's name for where a module lives: `game/core`, `game/settings.py`, `game`…"""
    parts = module.split(".")
    if len(parts) == 1 or parts[1] == "__main__":
        return "game"
    if source_of(f"game.{parts[1]}").name == "__init__.py":
        return f"game/{parts[1]}"
    return f"game/{parts[1]}.py"


@functools.cache
def rules() -> dict[str, set[str]]:
    """Layer -> the layers and outside packages it may import, from the doc's table."""
    table: dict[str, set[str]] = {}
    for layer, allowed in ROW.findall(DOC.read_text(encoding="utf-8")):
        table[layer] = set(re.findall(r"`([A-Za-z_./]+)`", allowed))
    return table


@functools.cache
def graph() -> dict[str, set[str]]:
    known = set(modules())
    return {module: imported(module, known) for module in known}


def test_the_doc_has_a_rule_for_every_part_of_the_game() -> None:
    assert {layer_of(m) for m in modules()} == set(rules())
    assert rules()["game/core"] == set()  # "the standard library only"
    assert "game/ui" not in rules()["game/core"] | rules()["game/loader"] | rules()["game/store"]


@pytest.mark.parametrize("module", modules())
def test_every_module_keeps_to_its_layers_rule(module: str) -> None:
    allowed = rules()[layer_of(module)]
    layer = layer_of(module)
    wrong = []
    for target in graph()[module]:
        if target.startswith("game"):
            where = layer_of(target)
            if where != layer and where not in allowed:
                wrong.append(target)
        elif target not in STANDARD_LIBRARY and target not in allowed:
            wrong.append(target)
    assert not wrong, f"{module} ({layer}) may not import {sorted(wrong)}; see docs/architecture.md"


def test_no_module_imports_itself_round_a_circle() -> None:
    edges = {m: {t for t in targets if t.startswith("game")} for m, targets in graph().items()}
    circles = [group for group in _strongly_connected(edges) if len(group) > 1]
    assert circles == [], f"import circles: {circles}"


def test_the_checks_would_see_a_circle_and_a_wrong_import() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert [sorted(g) for g in _strongly_connected(edges) if len(g) > 1] == [["a", "b", "c"]]
    source = "import yaml\ndef later():\n    import pygame\nif TYPE_CHECKING:\n    import click\n"
    tree = ast.parse(source)
    names = {alias.name for node in _imports(tree) for alias in node.names}
    assert names == {"yaml", "pygame"}


def _strongly_connected(edges: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's groups of modules that reach each other."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            groups.append(group)

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return groups


WINDOW_FILE_LINES = 500  # lines a module of the window may have; split it by job past this


@pytest.mark.parametrize("module", [m for m in modules() if m.startswith("game.ui")])
def test_window_modules_stay_small(module: str) -> None:
    lines = source_of(module).read_text(encoding="utf-8").count("\n")
    assert lines <= WINDOW_FILE_LINES, f"{module} has {lines} lines; split it by job"
