"""Retention (bot/records/retention.py): purge by age over every table, export and delete a case,
everything audited. Records are written with explicit dates, so no test waits."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, Table, text

from bot.__main__ import main
from bot.records import retention
from bot.records import store as records
from bot.records.store import Answer, AuditEvent, Case, Check, User

NOW = dt.datetime(2026, 11, 23, 9, 30)
OLD = NOW - dt.timedelta(days=3000)  # past the default 2555 days
RECENT = NOW - dt.timedelta(days=10)
EVENTS_DDL = (
    "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255) NOT NULL, "
    "type_name VARCHAR(255) NOT NULL, timestamp FLOAT, intent_name VARCHAR(255), "
    "action_name VARCHAR(255), data TEXT)"
)  # Rasa's SQL tracker store (rasa 3.6)


def epoch(when: dt.datetime) -> float:
    return when.replace(tzinfo=dt.timezone.utc).timestamp()


def add_user(s, external_id: str, created: dt.datetime = OLD) -> User:
    u = User(channel="rest", external_id=external_id, created_at=created)
    s.add(u)
    s.flush()
    return u


def add_check(
    s,
    user: User,
    case: Case | None,
    started: dt.datetime,
    updated: dt.datetime | None = None,
    answers: int = 3,
    answered: dt.datetime | None = None,
) -> Check:
    c = Check(
        user_id=user.id,
        case_id=case.id if case else None,
        status="complete",
        started_at=started,
        updated_at=updated or started,
    )
    s.add(c)
    s.flush()
    for i in range(answers):
        s.add(
            Answer(check_id=c.id, question_id=f"q{i}", value="yes", text=f"answer {i}", created_at=answered or started)
        )
    s.flush()
    return c


def add_case(s, user: User, ref: str, created: dt.datetime = OLD) -> Case:
    k = Case(reference=ref, owner_id=user.id, created_at=created)
    s.add(k)
    s.flush()
    return k


def count(db_url, table: str, where: str = "1=1", **params) -> int:
    with records.get_engine(db_url).connect() as conn:
        return conn.execute(text(f"SELECT COUNT(*) FROM {table} WHERE {where}"), params).scalar_one()


def add_events(db_url, rows):
    with records.get_engine(db_url).begin() as conn:
        conn.execute(text(EVENTS_DDL))
        for sender, type_name, when, data in rows:
            conn.execute(
                text("INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (:s, :t, :w, :d)"),
                {"s": sender, "t": type_name, "w": epoch(when), "d": json.dumps(data)},
            )


@pytest.fixture()
def world(db_url):
    """Two practitioners: cases old, new, mixed; audit rows old and new; a user with nothing new."""
    with records.session_scope(db_url) as s:
        ann, bob, gone = add_user(s, "ann"), add_user(s, "bob"), add_user(s, "gone")
        old_case, new_case = add_case(s, ann, "OLD-1"), add_case(s, ann, "NEW-1", RECENT)
        mixed = add_case(s, ann, "MIX-1")
        add_check(s, ann, old_case, OLD)
        add_check(s, ann, new_case, RECENT)
        add_check(s, ann, mixed, OLD)  # purged
        add_check(s, ann, mixed, RECENT)  # keeps MIX-1
        add_check(s, ann, None, OLD, answers=2)  # a check stopped before any reference: purged
        long_running = add_case(s, bob, "LONG-1")
        add_check(s, bob, long_running, OLD, updated=RECENT, answers=2)  # still in use: kept whole
        add_case(s, gone, "GONE-1")
        s.add_all(
            [
                AuditEvent(at=OLD, event="check_started", detail="old", user_id=gone.id),
                AuditEvent(at=RECENT, event="check_started", detail="new", user_id=ann.id, case_id=new_case.id),
            ]
        )
    return db_url


def test_purge_deletes_only_what_is_older_than_the_period_and_keeps_records_whole(world):
    report = retention.purge(2555, now=NOW, db_url=world)
    assert report.deleted["checks"] == 3 and report.deleted["answers"] == 8
    assert report.deleted["cases"] == 2 and report.deleted["users"] == 1  # OLD-1, GONE-1; the user "gone"
    assert report.deleted["audit_log"] == 1
    refs = {r for (r,) in records.get_engine(world).connect().execute(text("SELECT reference FROM cases"))}
    assert refs == {"NEW-1", "MIX-1", "LONG-1"}
    assert count(world, "checks") == 3
    # the long-running check keeps its old answers: a record goes or stays as a whole
    assert (
        count(
            world,
            "answers",
            "check_id IN (SELECT c.id FROM checks c JOIN cases k ON c.case_id = k.id " "WHERE k.reference = 'LONG-1')",
        )
        == 2
    )
    assert count(world, "users", "external_id = 'gone'") == 0 and count(world, "users") == 2
    assert count(world, "audit_log", "event = 'records_purged' AND detail LIKE '%older than 2555 days%'") == 1


def test_a_second_purge_finds_nothing(world):
    retention.purge(2555, now=NOW, db_url=world)
    assert retention.purge(2555, now=NOW, db_url=world).total == 0


def test_dry_run_counts_exactly_and_changes_nothing(world):
    before = {t: count(world, t) for t in ("users", "cases", "checks", "answers", "audit_log")}
    dry = retention.purge(2555, now=NOW, db_url=world, dry_run=True)
    assert {t: count(world, t) for t in before} == before  # nothing deleted, nothing audited
    assert dry.dry_run and "would delete" in dry.describe()
    real = retention.purge(2555, now=NOW, db_url=world)
    assert dry.deleted == real.deleted


def test_the_period_comes_from_retention_days(world, monkeypatch):
    monkeypatch.setenv("RETENTION_DAYS", "5")
    report = retention.purge(now=NOW, db_url=world)
    assert report.days == 5 and count(world, "checks") == 0 and count(world, "cases") == 0
    with pytest.raises(retention.RetentionError):
        retention.purge(0, now=NOW, db_url=world)


def test_purge_deletes_old_tracker_events(world):
    add_events(
        world,
        [
            ("ann", "user", OLD, {"text": "old message"}),
            ("ann", "bot", OLD, {"text": "old reply"}),
            ("ann", "user", RECENT, {"text": "new message"}),
        ],
    )
    report = retention.purge(2555, now=NOW, db_url=world)
    assert report.deleted["events"] == 2
    assert count(world, "events") == 1 and count(world, "events", "data LIKE '%new message%'") == 1


@pytest.fixture()
def extra_table(db_url):
    """A table that a module of MODEL_MODULES could add later: dated, pointing at checks and cases."""
    table = Table(
        "x_reflections",
        records.Base.metadata,
        Column("id", Integer, primary_key=True),
        Column("check_id", Integer, ForeignKey("checks.id")),
        Column("case_id", Integer, ForeignKey("cases.id")),
        Column("note", String(200)),
        Column("written_at", DateTime, nullable=False),
    )
    link = Table(
        "x_reflection_tags",
        records.Base.metadata,  # no date: follows its reflection
        Column("id", Integer, primary_key=True),
        Column("reflection_id", Integer, ForeignKey("x_reflections.id"), nullable=False),
        Column("tag", String(40)),
    )
    try:
        engine = records.get_engine(db_url)  # a new database creates them with the rest
        table.create(engine, checkfirst=True)
        link.create(engine, checkfirst=True)
        yield table, link
    finally:
        records.Base.metadata.remove(link)
        records.Base.metadata.remove(table)


def test_a_table_added_later_is_purged_by_the_same_rule(db_url, extra_table):
    table, link = extra_table
    assert retention.table_roles()["x_reflections"] == "content"
    assert retention.table_roles()["x_reflection_tags"] == "link"
    assert retention.table_roles()["cases"] == "owner"
    with records.session_scope(db_url) as s:
        u = add_user(s, "ann")
        k_old, k_kept = add_case(s, u, "OLD-2"), add_case(s, u, "KEPT-2")
        c_old = add_check(s, u, k_old, OLD)
        c_kept = add_check(s, u, k_kept, OLD)
        s.execute(
            table.insert(),
            [
                {"id": 1, "check_id": c_old.id, "case_id": None, "note": "old, on an old check", "written_at": OLD},
                {
                    "id": 2,
                    "check_id": c_kept.id,
                    "case_id": None,
                    "note": "recent: keeps its check",
                    "written_at": RECENT,
                },
                {"id": 3, "check_id": None, "case_id": k_old.id, "note": "old, on the case", "written_at": OLD},
            ],
        )
        s.execute(link.insert(), [{"reflection_id": 1, "tag": "drift"}, {"reflection_id": 2, "tag": "optimism"}])
    report = retention.purge(2555, now=NOW, db_url=db_url)
    assert report.deleted["x_reflections"] == 2 and report.deleted["x_reflection_tags"] == 1
    assert count(db_url, "x_reflections") == 1 and count(db_url, "x_reflection_tags") == 1
    assert count(db_url, "checks") == 1 and count(db_url, "answers") == 3  # the check with a recent reflection
    assert count(db_url, "cases", "reference = 'OLD-2'") == 0 and count(db_url, "cases", "reference = 'KEPT-2'") == 1


def test_delete_case_takes_added_tables_with_it(db_url, extra_table):
    table, link = extra_table
    with records.session_scope(db_url) as s:
        u = add_user(s, "ann")
        k = add_case(s, u, "DEL-3", RECENT)
        c = add_check(s, u, k, RECENT)
        s.execute(
            table.insert(),
            [
                {"id": 7, "check_id": c.id, "case_id": None, "note": "x", "written_at": RECENT},
                {"id": 8, "check_id": None, "case_id": k.id, "note": "y", "written_at": RECENT},
            ],
        )
        s.execute(link.insert(), [{"reflection_id": 7, "tag": "drift"}])
    exported = retention.export_case("rest", "ann", "del-3", db_url=db_url)
    assert len(exported["records"]["x_reflections"]) == 2 and len(exported["records"]["x_reflection_tags"]) == 1
    deleted = retention.delete_case("rest", "ann", "DEL-3", db_url=db_url)
    assert deleted["x_reflections"] == 2 and deleted["x_reflection_tags"] == 1 and deleted["cases"] == 1
    assert count(db_url, "x_reflections") == 0 and count(db_url, "checks") == 0


@pytest.fixture()
def two_cases(db_url):
    start = records.utcnow() - dt.timedelta(hours=3)  # the CLI purges against the real clock
    with records.session_scope(db_url) as s:
        ann, bob = add_user(s, "ann", RECENT), add_user(s, "bob", RECENT)
        k = add_case(s, ann, "ABC-12", start)
        c = add_check(
            s,
            ann,
            k,
            start,
            updated=start + dt.timedelta(minutes=20),
            answers=4,
            answered=start + dt.timedelta(minutes=5),
        )
        other = add_case(s, ann, "XYZ-9", start)
        add_check(s, ann, other, start - dt.timedelta(days=2), answers=2)
        same_ref = add_case(s, bob, "ABC-12", start)  # another practitioner's case, same reference
        add_check(s, bob, same_ref, start, answers=1)
        records.audit(s, "emergency_answer", "during a check", user=ann, case=k)
        records.audit(s, "check_completed", f"check {c.id}", case=k)
    add_events(
        db_url,
        [
            ("ann", "user", start + dt.timedelta(minutes=1), {"text": "/start_check"}),
            ("ann", "bot", start + dt.timedelta(minutes=1), {"text": "Is a child in immediate danger right now?"}),
            ("ann", "user", start + dt.timedelta(minutes=10), {"text": "she says nobody makes her tea"}),
            ("ann", "user", start - dt.timedelta(days=2), {"text": "earlier chat about XYZ-9"}),
            ("bob", "user", start + dt.timedelta(minutes=10), {"text": "bob's own chat"}),
        ],
    )
    return db_url


def test_export_case_has_the_case_its_checks_answers_audit_and_conversation(two_cases):
    data = retention.export_case("rest", "ann", "abc-12", db_url=two_cases)
    assert data["case"]["reference"] == "ABC-12" and data["owner"] == {"channel": "rest", "user_id": "ann"}
    assert len(data["records"]["checks"]) == 1 and len(data["records"]["answers"]) == 4
    assert {a["event"] for a in data["audit_log"]} == {"emergency_answer", "check_completed"}
    texts = [e.get("text") for e in data["conversation"]]
    assert "she says nobody makes her tea" in texts and "earlier chat about XYZ-9" not in texts
    assert "bob's own chat" not in texts
    json.dumps(data)  # JSON-ready
    assert count(two_cases, "audit_log", "event = 'case_exported' AND detail LIKE '%ABC-12%4 answers%'") == 1


def test_delete_case_deletes_that_case_only_keeps_the_audit_and_audits_itself(two_cases):
    deleted = retention.delete_case("rest", "ann", "ABC-12", db_url=two_cases, actor="DPO test")
    assert deleted == {"cases": 1, "checks": 1, "answers": 4, "events": 3}
    assert count(two_cases, "cases", "reference = 'ABC-12'") == 1  # bob's ABC-12 stays
    assert count(two_cases, "cases", "reference = 'XYZ-9'") == 1 and count(two_cases, "answers") == 3
    assert count(two_cases, "events") == 2  # the earlier chat and bob's chat stay
    # the audit rows about the case stay, no longer linked to it
    assert count(two_cases, "audit_log", "event = 'emergency_answer' AND case_id IS NULL") == 1
    assert count(two_cases, "audit_log", "event = 'case_deleted' AND detail LIKE '%ABC-12%DPO test%'") == 1
    with pytest.raises(retention.RetentionError):
        retention.export_case("rest", "ann", "ABC-12", db_url=two_cases)


def test_unknown_case_or_someone_elses_case_is_refused(two_cases):
    with pytest.raises(retention.RetentionError, match="no case NOPE-1"):
        retention.delete_case("rest", "ann", "NOPE-1", db_url=two_cases)
    with pytest.raises(retention.RetentionError):
        retention.delete_case("rest", "carol", "ABC-12", db_url=two_cases)
    with pytest.raises(retention.RetentionError):
        retention.delete_case("teams", "ann", "ABC-12", db_url=two_cases)
    assert count(two_cases, "cases") == 3


def test_cli_commands(two_cases, capsys, tmp_path):
    assert main(["records", "purge", "--days", "1", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "dry run, nothing changed" in out and "would delete" in out and count(two_cases, "checks") == 3
    assert main(["records", "export-case", "ABC-12", "--user", "ann", "--out", str(tmp_path / "x.json")]) == 0
    assert json.loads((tmp_path / "x.json").read_text())["case"]["reference"] == "ABC-12"
    assert main(["records", "export-case", "ABC-12", "--user", "ann"]) == 0
    assert json.loads(capsys.readouterr().out)["records"]["answers"]
    assert main(["records", "delete-case", "ABC-12", "--user", "ann"]) == 2  # no --yes: nothing happens
    assert "add --yes" in capsys.readouterr().err and count(two_cases, "checks") == 3
    assert main(["records", "delete-case", "ABC-12", "--user", "ann", "--channel", "rest", "--yes"]) == 0
    assert "answers" in capsys.readouterr().out and count(two_cases, "checks") == 2
    assert main(["records", "delete-case", "ABC-12", "--user", "ann", "--yes"]) == 1
    assert main(["records", "purge", "--days", "1"]) == 0
    assert "purged" in capsys.readouterr().out and count(two_cases, "checks") == 1  # XYZ-9's check was 2 days old
    assert main(["records", "purge", "--days", "0"]) == 2
    events = [e for (e,) in records.get_engine(two_cases).connect().execute(text("SELECT event FROM audit_log"))]
    assert {"case_exported", "case_deleted", "records_purged"} <= set(events)


def test_the_tables_of_supervision_and_training_follow_the_same_rule(db_url):
    from bot.records import supervision_models as sup
    from bot.records import training_models as trn

    with records.session_scope(db_url) as s:
        u = add_user(s, "ann")
        old_case, kept_case = add_case(s, u, "SUP-1"), add_case(s, u, "SUP-2")
        old = sup.SupervisionSession(user_id=u.id, case_id=old_case.id, started_at=OLD, updated_at=OLD)
        live = sup.SupervisionSession(user_id=u.id, case_id=kept_case.id, started_at=OLD, updated_at=OLD)
        s.add_all([old, live])
        s.flush()
        s.add_all(
            [
                sup.Reflection(session_id=old.id, question_key="changed", prompt="p", text="t", created_at=OLD),
                sup.AgreedAction(session_id=old.id, case_id=old_case.id, what="visit", created_at=OLD),
                # an action due after the cut-off keeps its session (and the case) alive
                sup.AgreedAction(
                    session_id=live.id,
                    case_id=kept_case.id,
                    what="review",
                    created_at=OLD,
                    due_date=(NOW + dt.timedelta(days=30)).date(),
                ),
            ]
        )
        a_old = trn.TrainingAttempt(user_id=u.id, status="complete", started_at=OLD, updated_at=OLD)
        a_new = trn.TrainingAttempt(user_id=u.id, status="complete", started_at=RECENT, updated_at=RECENT)
        s.add_all([a_old, a_new])
        s.flush()
        s.add(
            trn.TrainingAnswer(
                attempt_id=a_old.id,
                step_id="x",
                position=1,
                ask="types",
                value="v",
                model_answer="m",
                verdict="right",
                created_at=OLD,
            )
        )
    report = retention.purge(2555, now=NOW, db_url=db_url)
    assert report.deleted["supervision_sessions"] == 1 and report.deleted["supervision_reflections"] == 1
    assert report.deleted["supervision_actions"] == 1 and report.deleted["training_attempts"] == 1
    assert report.deleted["training_answers"] == 1 and report.deleted["cases"] == 1
    assert count(db_url, "cases", "reference = 'SUP-2'") == 1 and count(db_url, "supervision_sessions") == 1
    exported = retention.export_case("rest", "ann", "SUP-2", db_url=db_url)
    assert len(exported["records"]["supervision_sessions"]) == 1
    assert len(exported["records"]["supervision_actions"]) == 1
    retention.delete_case("rest", "ann", "SUP-2", db_url=db_url)
    assert count(db_url, "supervision_sessions") == 0 and count(db_url, "supervision_actions") == 0
    assert count(db_url, "training_attempts") == 1  # training is not case content
