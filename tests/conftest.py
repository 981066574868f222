"""Shared fixtures. Nothing here reaches the network; databases are temporary files."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

# -- spreading a run over both cores (pytest-xdist `-n 2 --dist loadgroup --no-loadscope-reorder`,
# as make test runs it). Every test file is one unit of work that stays in one worker, in its own
# order (what `--dist loadfile` does), except files that share something no second worker may
# touch at the same time: they are one unit together. The units go out longest first (the
# figures of a loaded run, 7 December 2026), so that the two workers finish close together;
# files not listed follow in collection order. Without xdist the marks do nothing and the
# order is pytest's own.
SHARED_UNITS = {
    # both read, change and write results/safety/figures.json
    "tests/conversation/test_safety.py": "safety-figures",
    "tests/conversation/test_fuzz.py": "safety-figures",
}
for _name in ("test_teams_channel.py", "test_teams_first_use.py", "test_token_checks.py"):
    SHARED_UNITS[f"tests/teams/{_name}"] = "teams-servers"  # one Rasa + fakes start, not one per worker
LONGEST_FIRST = [
    "tests/conversation/test_personal_details.py",  # its own servers, every held-out message typed twice
    "safety-figures",
]


def unit_of(path: Path) -> str:
    rel = path.resolve().relative_to(ROOT).as_posix()
    return SHARED_UNITS.get(rel, rel)


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the marks
def pytest_collection_modifyitems(config, items):
    for item in items:
        item.add_marker(pytest.mark.xdist_group(unit_of(item.path)))
    if not hasattr(config, "workerinput"):  # the order matters only to xdist's workers' collection
        return
    rank = {unit: i for i, unit in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(unit_of(item.path), len(rank)))  # stable: file order kept


@pytest.fixture(scope="session")
def kb():
    from bot.knowledge.loader import get_kb

    return get_kb()


@pytest.fixture(scope="session")
def plan(kb):
    from bot.walks.check_plan import Plan

    return Plan(kb)


@pytest.fixture()
def db_url(tmp_path, monkeypatch):
    from bot.records.migrate import migrate

    url = f"sqlite:///{tmp_path / 'records.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    migrate(url)  # the explicit migration step: opening a database does not migrate it
    return url


class FakeClock:
    """An injected clock: tests move time on instead of waiting."""

    def __init__(self, start: dt.datetime = dt.datetime(2026, 11, 23, 9, 30)):
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **kwargs) -> None:
        self.now += dt.timedelta(**kwargs)


@pytest.fixture()
def clock():
    return FakeClock()
