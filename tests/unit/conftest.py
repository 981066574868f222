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
