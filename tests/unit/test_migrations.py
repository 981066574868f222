"""The records schema through Alembic (migrations/, bot/records/migrate.py), on SQLite and on a real
PostgreSQL server that this module starts itself: upgrade from an empty database and from
every earlier revision, down and up again, a database made before migrations existed,
Rasa's `events` table left alone, two processes migrating at once, and the models and the
migrations describing the same schema.

PostgreSQL: the server binaries come from Debian's postgresql package
(scripts/system_deps.sh installs it). The server runs from a temporary folder on a free port,
as the `postgres` user when the tests run as root (tests/servers.py). Without the binaries
these tests fail.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from bot.records import migrate
from bot.records import store as records
from tests.servers import postgres_server

ROOT = Path(__file__).resolve().parents[2]
OURS = {
    "users",
    "cases",
    "checks",
    "answers",
    "audit_log",
    "supervision_sessions",
    "supervision_reflections",
    "supervision_actions",
    "training_attempts",
    "training_answers",
}
T = dt.datetime(2026, 3, 2, 10, 0)


# -- a throwaway PostgreSQL server (tests/servers.py: one way to start it for every suite) --------
@pytest.fixture(scope="module")
def pg_server():
    with postgres_server(database=None) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    """A new, empty database on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrations.db'}"
        return
    server = request.getfixturevalue("pg_server")
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT", future=True)
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{server}/{name}"
    finally:
        records._engines.pop(f"{server}/{name}", None)
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def engine_for(url: str):
    return create_engine(url, future=True)


def tables(engine) -> set[str]:
    return set(inspect(engine).get_table_names())


def schema_differences(engine) -> list:
    """What autogenerate would write: empty when the migrations build exactly the models' schema."""
    records._import_models()

    def ours(obj, name, type_, reflected, compare_to):
        return not (type_ == "table" and reflected and compare_to is None)

    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True, "include_object": ours})
        return compare_metadata(ctx, records.Base.metadata)


def add_rows(engine, upto: str) -> None:
    """Records of every table that exists at revision `upto`."""
    revs = migrate.revisions()
    with engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO users (id, channel, external_id, role, team, created_at) "
                "VALUES (1, 'rest', 'ann', 'supervisor', 'Blue', :t)"
            ),
            {"t": T},
        )
        c.execute(
            text(
                "INSERT INTO cases (id, reference, owner_id, profile, created_at) "
                "VALUES (1, 'MIG-1', 1, 'default', :t)"
            ),
            {"t": T},
        )
        c.execute(
            text(
                "INSERT INTO checks (id, case_id, user_id, status, level, started_at, updated_at) "
                "VALUES (1, 1, 1, 'complete', 'early_help', :t, :t)"
            ),
            {"t": T},
        )
        c.execute(
            text(
                "INSERT INTO answers (check_id, question_id, value, superseded, created_at) "
                "VALUES (1, 'q_scale', '6', :f, :t)"
            ),
            {"t": T, "f": False},
        )
        c.execute(
            text("INSERT INTO audit_log (at, user_id, case_id, event) VALUES (:t, 1, 1, 'check_completed')"), {"t": T}
        )
        if revs.index(upto) >= revs.index("0002_walkthroughs"):
            c.execute(
                text(
                    "INSERT INTO supervision_sessions (id, user_id, case_id, status, stage, themes, theme_pos, "
                    "question_pos, asked_in_theme, review_queue, started_at, updated_at) "
                    "VALUES (1, 1, 1, 'complete', 'done', 'theme_drift', 0, 0, 0, '', :t, :t)"
                ),
                {"t": T},
            )
            c.execute(
                text(
                    "INSERT INTO supervision_actions (session_id, case_id, what, status, created_at, due_date) "
                    "VALUES (1, 1, 'visit the school', 'open', :t, :d)"
                ),
                {"t": T, "d": T.date()},
            )
            c.execute(
                text(
                    "INSERT INTO training_attempts (user_id, status, points, max_points, started_at, updated_at) "
                    "VALUES (1, 'complete', 3, 4, :t, :t)"
                ),
                {"t": T},
            )


def check_rows(engine, upto: str) -> None:
    with engine.connect() as c:
        assert c.execute(text("SELECT reference FROM cases")).scalar_one() == "MIG-1"
        assert c.execute(text("SELECT value FROM answers")).scalar_one() == "6"
        assert c.execute(text("SELECT role, team FROM users")).one() == ("supervisor", "Blue")
        if migrate.revisions().index(upto) >= 1:
            assert c.execute(text("SELECT what FROM supervision_actions")).scalar_one() == "visit the school"


# -- the tests ----------------------------------------------------------------------------------
def test_the_revisions_form_one_line_with_tables_named():
    revs = migrate.revisions()
    assert revs[:2] == ["0001_core", "0002_walkthroughs"]
    assert migrate.head() == revs[-1]
    script = migrate._script()
    created = set()
    for rev in revs:
        created |= set(getattr(script.get_revision(rev).module, "TABLES", ()))
    assert OURS <= created


def test_upgrade_from_an_empty_database(url):
    engine = engine_for(url)
    assert migrate.current(engine) is None
    assert migrate.upgrade(engine, stopgap=False) == migrate.head()
    assert OURS <= tables(engine)
    assert schema_differences(engine) == []
    with engine.connect() as c:
        assert c.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [migrate.head()]
    engine.dispose()


@pytest.mark.parametrize("start", migrate.revisions()[:-1] or ["none"])
def test_upgrade_from_every_earlier_revision_keeps_the_records(url, start):
    if start == "none":
        pytest.skip("only one revision")
    engine = engine_for(url)
    with engine.connect() as conn:
        command.upgrade(migrate.alembic_config(connection=conn), start)
        conn.commit()
    assert migrate.current(engine) == start
    add_rows(engine, start)
    assert migrate.upgrade(engine, stopgap=False) == migrate.head()
    check_rows(engine, start)
    assert schema_differences(engine) == []
    engine.dispose()


def test_down_to_nothing_and_up_again(url):
    engine = engine_for(url)
    migrate.upgrade(engine, stopgap=False)
    for rev in reversed(migrate.revisions()[:-1]):
        assert migrate.downgrade(engine, rev) == rev
    assert migrate.downgrade(engine, "base") is None
    assert not (tables(engine) & OURS)
    assert migrate.upgrade(engine, stopgap=False) == migrate.head()
    assert schema_differences(engine) == []
    engine.dispose()


def test_rasa_events_table_is_left_alone(url):
    engine = engine_for(url)
    with engine.begin() as c:
        c.execute(text("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255), data TEXT)"))
        c.execute(text("INSERT INTO events (id, sender_id, data) VALUES (1, 'ann', '{}')"))
    migrate.upgrade(engine, stopgap=False)
    assert schema_differences(engine) == []  # not proposed for dropping
    migrate.downgrade(engine, "base")
    with engine.connect() as c:
        assert c.execute(text("SELECT sender_id FROM events")).scalar_one() == "ann"
    engine.dispose()


def test_a_database_made_before_migrations_is_taken_over(url):
    """create_all made the tables (as get_engine did before migrations): no alembic_version."""
    engine = engine_for(url)
    records._import_models()
    records.Base.metadata.create_all(engine)
    add_rows(engine, migrate.head())
    assert migrate.current(engine) is None
    assert migrate.upgrade(engine) == migrate.head()
    check_rows(engine, migrate.head())
    assert schema_differences(engine) == []
    engine.dispose()


def test_opening_a_database_does_not_migrate_it_the_explicit_step_does(url):
    engine = records.get_engine(url)
    try:
        assert migrate.current(engine) is None and "cases" not in tables(engine)
        assert migrate.migrate(url) == migrate.head()
        assert migrate.current(engine) == migrate.head()
        with records.session_scope(url) as s:
            user = records.get_or_create_user(s, "rest", "bea")
            records.get_or_create_case(s, user, "ENG-7", "default")
        with records.session_scope(url) as s:
            assert records.find_case(s, records.get_or_create_user(s, "rest", "bea"), "ENG-7") is not None
    finally:
        records._engines.pop(url, None)
        engine.dispose()


@pytest.mark.parametrize("argv", [["bot.records.migrate"], ["bot", "records", "migrate"]])
def test_the_migrate_command_brings_database_url_to_the_newest_revision(tmp_path, argv):
    db = tmp_path / "command.db"
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{db}", PYTHONPATH=str(ROOT))
    run = subprocess.run(
        [sys.executable, "-m", *argv],
        cwd=str(tmp_path),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert f"at revision {migrate.head()} (head {migrate.head()})" in run.stdout
    assert migrate.current(engine_for(f"sqlite:///{db}")) == migrate.head()


def test_a_model_table_without_a_revision_is_made_as_a_stopgap(tmp_path):
    from sqlalchemy import Column, DateTime, Integer, Table

    table = Table(
        "x_later_notes", records.Base.metadata, Column("id", Integer, primary_key=True), Column("at", DateTime)
    )
    try:
        engine = engine_for(f"sqlite:///{tmp_path / 'stopgap.db'}")
        migrate.upgrade(engine)
        assert "x_later_notes" in tables(engine)
        assert [d[0] for d in schema_differences(engine)] == []
        migrate.upgrade(engine, stopgap=False)
    finally:
        records.Base.metadata.remove(table)
    engine.dispose()


def test_two_processes_migrating_one_sqlite_file_at_once(tmp_path):
    db = tmp_path / "race.db"
    code = (
        (  # noqa: UP031 (the program text takes repr() of its paths)
            "import sys; sys.path.insert(0, %r)\n"
            "from sqlalchemy import create_engine\n"
            "from bot.records import migrate\n"
            "print(migrate.upgrade(create_engine(%r, future=True)))\n"
        )
        % (str(ROOT), f"sqlite:///{db}")
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=str(tmp_path)
        )
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    assert [o[0].strip() for o in outs] == [migrate.head()] * 2
    assert migrate.current(engine_for(f"sqlite:///{db}")) == migrate.head()


def test_alembic_command_line_reads_database_url(tmp_path):
    db = tmp_path / "cli.db"
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{db}", PYTHONPATH=str(ROOT))
    alembic = Path(sys.executable).parent / "alembic"
    run = subprocess.run(
        [str(alembic), "-c", str(ROOT / "alembic.ini"), "upgrade", "head"],
        cwd=str(tmp_path),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    out = subprocess.run(
        [str(alembic), "-c", str(ROOT / "alembic.ini"), "current"],
        cwd=str(tmp_path),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert migrate.head() in out.stdout
