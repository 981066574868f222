"""Shared fixtures. Nothing here reaches the network; databases are temporary files."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
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


@pytest.fixture(scope="session")
def migrated_records_file(tmp_path_factory) -> Path:
    """A records database migrated to head, once per worker: alembic's upgrade (the explicit
    migration step: opening a database does not migrate it) costs about a fifth of a second, and
    several hundred tests each want a fresh database at head. Its write-ahead log is folded into
    the file, so a copy of the file alone is the whole database."""
    import sqlite3

    from bot.records import store as records
    from bot.records.migrate import migrate

    path = tmp_path_factory.mktemp("records-at-head") / "records.db"
    url = f"sqlite:///{path}"
    migrate(url)
    records.get_engine(url).dispose()
    with contextlib.closing(sqlite3.connect(path)) as conn:
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    assert busy == 0, "the migrated template database is still in use"
    return path


@pytest.fixture()
def db_url(tmp_path, monkeypatch, migrated_records_file):
    """A fresh records database at head for one test: a copy of the migrated file."""
    path = tmp_path / "records.db"
    shutil.copyfile(migrated_records_file, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("DATABASE_URL", url)
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
