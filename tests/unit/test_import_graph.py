"""Issue 17: no import cycle in bot/. The graph is read from the source with ast: every import
statement, at the top of a module or inside a function (an import put off to a function still
ties the two modules together; that is how bot.records.store once ran bot.records.migrate).
Imports made by name at run time (importlib, as store.MODEL_MODULES does) are not edges."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BOT = ROOT / "bot"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(BOT.rglob("*.py")) if "__pycache__" not in p.parts}


def imports_of(name: str) -> dict[str, int]:
    """The modules of bot/ that module `name` imports, each with the line of its first import."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: dict[str, int] = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            named = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            named = [base] + [f"{base}.{a.name}" for a in node.names]
        else:
            continue
        for target in named:
            while target and target not in MODULES:  # `from bot.records.store import Case` -> the module
                target = target.rpartition(".")[0]
            if target and target != name:
                found.setdefault(target, node.lineno)
    return found


GRAPH = {name: imports_of(name) for name in MODULES}


def cycles() -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in GRAPH[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    return out


def describe(component: list[str]) -> str:
    members = set(component)
    edges = [
        f"    {a} -> {b} ({MODULES[a].relative_to(ROOT)}:{line})"
        for a in component
        for b, line in sorted(GRAPH[a].items())
        if b in members
    ]
    return f"  {', '.join(component)}:\n" + "\n".join(edges)


PACKAGES = sorted({n.split(".")[1] for n in MODULES if n.count(".") >= 1})


def test_the_graph_reads_top_level_function_level_and_relative_imports():
    assert {"walks", "lang", "records", "reports", "knowledge", "reasoning", "cli"} <= set(PACKAGES)
    assert "bot.records.store" in GRAPH["bot.records.migrate"]  # a top-level `from bot.records import store`
    assert "bot.records.caseref" in GRAPH["bot.records.store"]  # imported inside find_case
    assert "bot.settings" in GRAPH["bot.records.store"]


def test_migration_builds_on_the_store_and_the_store_knows_nothing_of_migration():
    assert "bot.records.store" in GRAPH["bot.records.migrate"]
    assert "bot.records.migrate" not in GRAPH["bot.records.store"]
    assert not any(n.startswith("bot.records.") and n != "bot.records.caseref" for n in GRAPH["bot.records.store"])


@pytest.mark.parametrize("package", PACKAGES)
def test_no_import_cycle_touches_the_package(package):
    prefix = f"bot.{package}"
    found = [c for c in cycles() if any(n == prefix or n.startswith(prefix + ".") for n in c)]
    listed = "\n".join(describe(c) for c in found)
    assert not found, f"{len(found)} import cycle(s) through bot/{package}:\n{listed}"
