"""tests/prod: the production profile.

- test_prod_tracker_store.py and test_prod_channel.py are fast (no servers) and run in `make test`.
- `domain` is the project's domain.yml, loaded once a module (the copies in those two files shadow it).
- Tests marked `prod_stack` drive the whole loopback stack (scripts/prod_local.sh) and take
  minutes: they run only with PROD_STACK_TESTS=1 (`make load` and `make fault-test` run the
  same scripts directly; `make test` ends with a short smoke run of the stack,
  scripts/stack_smoke.sh, outside pytest).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def pytest_configure(config):
    config.addinivalue_line("markers", "prod_stack: drives the loopback production stack (PROD_STACK_TESTS=1)")


def pytest_collection_modifyitems(config, items):
    if os.environ.get("PROD_STACK_TESTS") == "1":
        return
    skip = pytest.mark.skip(
        reason="the production stack tests run with PROD_STACK_TESTS=1 " "(make load / make fault-test)"
    )
    for item in items:
        if "prod_stack" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="module")
def domain():
    from rasa.shared.core.domain import Domain

    return Domain.load(str(ROOT / "domain.yml"))
