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
def command_tail():
    """tail(text, ranking): a message with the classifier's ranking [(intent, confidence), ...], read by
    the command component that runs after the classifier (rasa_ext/commands.py CommandDetector); the
    message is returned (the routing passes' tests, tests/unit/test_routing_s*.py)."""
    from rasa.shared.nlu.training_data.message import Message

    from rasa_ext.commands import CommandDetector

    def tail(text: str, ranking: list[tuple[str, float]]) -> Message:
        m = Message(data={"text": text})
        m.set("intent", {"name": ranking[0][0], "confidence": ranking[0][1]})
        m.set("intent_ranking", [{"name": n, "confidence": c} for n, c in ranking])
        CommandDetector().process([m])
        return m

    return tail


@pytest.fixture(scope="session")
def account_floor():
    """floor(split, expected, right, wrong): an accounts dev set, read whole by scripts/eval_listening.py, holds
    what a pass measured: the same number of expected answers, at least `right` pre-filled right and at most
    `wrong` pre-filled wrongly; skipped when the set is not in this checkout. The check every accounts pass's
    test file makes (tests/unit/test_account_session*.py), in one place."""
    import importlib.util
    import sys
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "scripts" / "eval_listening.py"
    spec = importlib.util.spec_from_file_location("eval_listening_floor", path)
    ev = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = ev
    spec.loader.exec_module(ev)

    def floor(split: str, expected: int, right: int, wrong: int) -> None:
        if not ev.load(f"accounts_{split}"):
            pytest.skip(f"accounts_{split}.yml is not in this checkout")
        sc = ev.eval_accounts(split)
        assert sc.expected == expected
        assert sc.right >= right, sc.missed
        assert sc.wrong <= wrong, sc.misses

    return floor


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


@pytest.fixture
def danger_pass(danger_dev_items, monkeypatch):
    """The checks every danger pass's test file makes (tests/unit/test_danger_session*.py), in one place:
    - floor(name, caught, ordinary, near_miss, learned=False): a dev set's figures with decide_danger, the
      learned second opinion off unless learned=True, at least as good as the pass measured them;
    - shaped(last, shapes): ids of danger items of dev..dev<last> that a near-miss shape of the pass takes;
    - read(last, readings): ids of ordinary and near-miss items of dev..dev<last> that a broad reading of
      the pass reads as danger."""
    from pathlib import Path
    from types import SimpleNamespace

    from bot.lang import danger_policy
    from bot.lang.danger_broad import broad_reading
    from bot.lang.danger_nearmiss import near_miss_form

    root = Path(__file__).resolve().parents[1] / "data" / "eval"

    def floor(name: str, caught: int, ordinary: int, near_miss: int, learned: bool = False) -> None:
        if not learned:
            monkeypatch.setattr(danger_policy, "danger_probability", lambda text: None)
        data = yaml.safe_load((root / name).read_text(encoding="utf-8"))
        items = [i for i in data["items"] if i.get("label") in ("danger", "ordinary", "near_miss")]
        fired = {i["id"]: danger_policy.decide_danger(i["text"]).immediate for i in items}
        got = sum(fired[i["id"]] for i in items if i["label"] == "danger")
        alarms = {k: [i["id"] for i in items if i["label"] == k and fired[i["id"]]] for k in ("ordinary", "near_miss")}
        assert got >= caught, f"{name}: caught {got}"
        assert len(alarms["ordinary"]) <= ordinary, f"{name}: ordinary false alarms {alarms['ordinary']}"
        assert len(alarms["near_miss"]) <= near_miss, f"{name}: near-miss false alarms {alarms['near_miss']}"

    def shaped(last: int, shapes) -> tuple[list, int]:
        danger = [i for i in danger_dev_items(last) if isinstance(i, dict) and i.get("label") == "danger"]
        return [i.get("id") for i in danger if near_miss_form(i["text"]) in shapes], len(danger)

    def read(last: int, readings) -> list:
        return [
            i.get("id")
            for i in danger_dev_items(last)
            if isinstance(i, dict)
            and i.get("label") in ("ordinary", "near_miss")
            and any(broad_reading(i["text"], only=r) for r in readings)
        ]

    return SimpleNamespace(floor=floor, shaped=shaped, read=read)
