"""Shared work of the unit tests, cached only where the answer cannot differ.

Most knowledge tests copy knowledge/ into a temporary folder, change one file and load the whole
folder again (`bot.knowledge.files.read` on each of some fifty files), and parsing YAML in pure
Python is most of their time. The same text always parses to the same data, so each distinct
text is parsed once per worker and every read gets its own deep copy: a changed or broken file is
a new text and is parsed (and fails) as before. Nothing but the parse is cached; the problems a
test looks for are still found by the code under test.
"""

from __future__ import annotations

import copy

import pytest
import yaml

_real_load = yaml.load
_parsed: dict[tuple[str, type], object] = {}


def _load_once(stream, Loader):  # noqa: N803 (yaml.load's own name)
    from bot.knowledge.files import _UniqueKeyLoader

    if Loader is not _UniqueKeyLoader or not isinstance(stream, str):
        return _real_load(stream, Loader)
    key = (stream, Loader)
    if key not in _parsed:
        _parsed[key] = _real_load(stream, Loader)  # an error is raised, not cached
    return copy.deepcopy(_parsed[key])


@pytest.fixture(autouse=True, scope="module")
def _knowledge_yaml_parsed_once():
    mp = pytest.MonkeyPatch()
    mp.setattr(yaml, "load", _load_once)
    yield
    mp.undo()


@pytest.fixture(scope="session")
def danger_dev_items():
    """items(last) -> every item of danger_dev.yml and danger_dev2..danger_dev<last>.yml: the dev sets a
    pass read, never a set written blind after them (the tests of a pass's new shapes and readings)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "data" / "eval"

    def items(last: int) -> list[dict]:
        out: list[dict] = []
        for path in [root / "danger_dev.yml"] + [root / f"danger_dev{n}.yml" for n in range(2, last + 1)]:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            out.extend(data.get("items", data) if isinstance(data, dict) else data)
        return out

    return items
