"""Settings read from the environment when asked for, never at import time."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    database_url: str
    knowledge_dir: Path
    seeds_dir: Path
    profile: str
    retention_days: int
    drift_days: int


def default_database_url() -> str:
    return f"sqlite:///{ROOT / 'var' / 'assistant.db'}"


def get_settings() -> Settings:
    env = os.environ
    return Settings(
        database_url=env.get("DATABASE_URL") or default_database_url(),
        knowledge_dir=Path(env.get("KNOWLEDGE_DIR") or ROOT / "knowledge"),
        seeds_dir=Path(env.get("SEEDS_DIR") or ROOT.parent / "shared" / "seeds"),
        profile=env.get("LA_PROFILE") or "default",
        retention_days=int(env.get("RETENTION_DAYS") or 2555),
        drift_days=int(env.get("DRIFT_DAYS") or 90),
    )
