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
