"""Reflective supervision through the running servers, and what is stored afterwards.

The servers use the real clock, so the return visit is made to look later by moving the
first session's records back in time in the database (as if it had happened months ago)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import create_engine, text

from bot.lang.api import parse_due_date
from bot.records.store import utcnow


def stored(servers, sql: str, **params):
    engine = create_engine(servers["database_url"], future=True)
    with engine.begin() as conn:
        return conn.execute(text(sql), params).fetchall()


def change(servers, sql: str, **params) -> None:
    engine = create_engine(servers["database_url"], future=True)
    with engine.begin() as conn:
        conn.execute(text(sql), params)


def case_sessions(servers, ref: str):
    return stored(
        servers,
        "SELECT s.id, s.status, s.themes, s.change FROM supervision_sessions s JOIN cases k ON "
        "s.case_id = k.id WHERE k.reference = :ref ORDER BY s.id",
        ref=ref,
    )


def _day(d: dt.date) -> str:
    return f"{d:%A} {d.day} {d:%B %Y}"


def test_a_whole_session_with_follow_ups_and_actions(chat, servers):
    chat.say("/start_supervision")
    assert "one open question at a time" in chat.text and "Which case" in chat.text
    chat.say("CSUP-101")
    assert "first supervision session recorded for CSUP-101" in chat.text
    assert "Which theme" in chat.text
    chat.click("Rule of optimism")
    assert "(Rule of optimism)" in chat.text
    chat.say("Mum is trying really hard and the house is much better")
    assert "What has actually changed for the child" in chat.text  # optimism asks for the evidence
    chat.say("The kitchen was clean on my last visit, but school say he arrives hungry")
    assert "(Rule of optimism)" in chat.text  # the theme's next question
    chat.say("He has been arriving hungry for ages")
    assert "put dates on that" in chat.text  # vague time asks for dates
    chat.say("School first raised it in September and again on 3 November")
    assert "Agree actions" in [b["title"] for b in chat.buttons]
    chat.click("Agree actions")
    assert "What is the first thing" in chat.text
    chat.say("Visit school to talk with him")
    assert "Who will do it" in chat.text
    chat.click("Me")
    chat.say("once the core group has met")
    assert "couldn't read a date" in chat.text and "Visit school to talk with him" in chat.text
    chat.say("by Friday")
    due = parse_due_date("by Friday", utcnow().date())
    assert f"by {_day(due)}" in chat.text
    chat.click("Finish the session")
    assert "Reflective supervision for case CSUP-101" in chat.text
    assert f"Visit school to talk with him - Me - by {_day(due)}" in chat.text
    assert [s[1:] for s in case_sessions(servers, "CSUP-101")] == [("complete", "theme_optimism", None)]
    keys = [
        r[0]
        for r in stored(
            servers,
            "SELECT r.question_key FROM supervision_reflections r JOIN "
            "supervision_sessions s ON r.session_id = s.id JOIN cases k ON "
            "s.case_id = k.id WHERE k.reference = 'CSUP-101' ORDER BY r.id",
        )
    ]
    assert keys == ["theme_optimism:1", "follow_up:optimism", "theme_optimism:2", "follow_up:vague_time"]
    actions = stored(
        servers,
        "SELECT a.what, a.owner, a.due_date, a.status FROM supervision_actions a JOIN cases k "
        "ON a.case_id = k.id WHERE k.reference = 'CSUP-101'",
    )
    assert actions == [("Visit school to talk with him", "Me", due.isoformat(), "open")]
    chat.say("hello")
    assert "decision support" in chat.text  # the session is no longer asking


def test_theme_choice_why_skip_danger_pause_resume_and_stop(new_chat, servers):
    chat = new_chat()
    chat.say("I feel stuck with this family")
    assert "Which case" in chat.text
    chat.say("CSUP-202")
    assert "these themes may help" in chat.text and "Drift: you mentioned it" in chat.text
    chat.click("Choose a theme myself")
    assert "Group think" in [b["title"] for b in chat.buttons]
    chat.click("Group think")
    assert "(Group think)" in chat.text
    chat.say("/why_asking")
    assert "Why I ask" in chat.text and "Source" in chat.text and "(Group think)" in chat.text
    chat.say("/skip")
    assert "Skipped" in chat.text and "(Group think)" in chat.text
    chat.say("what is disguised compliance?")  # a practice question in the middle of the session
    assert "Disguised compliance" in chat.text and "Source" in chat.text and "(Group think)" in chat.text
    chat.say("baby won't wake up properly")
    assert "call 999 now" in chat.text and "(Group think)" in chat.text
    chat.say("pause")
    assert "Paused" in chat.text and "CSUP-202" in chat.text
    chat.say("/start_supervision")
    chat.say("CSUP-202")
    assert "Welcome back" in chat.text and "(Group think)" in chat.text
    chat.say("The health visitor sees it differently and we have not really listened to her")
    chat.say("stop")
    assert "stopped" in chat.text and "saved under CSUP-202" in chat.text
    sessions = case_sessions(servers, "CSUP-202")
    assert [s[1] for s in sessions] == ["merged", "stopped"] and sessions[-1][2].startswith("theme_group_think")
    notes = stored(
        servers, "SELECT r.text, r.skipped FROM supervision_reflections r WHERE r.session_id = :id", id=sessions[-1][0]
    )
    assert (None, 1) in notes and any(t and "health visitor" in t for t, _ in notes)
    assert not any(t and "disguised compliance" in t for t, _ in notes)  # the question was not a reflection


def test_the_drift_warning_on_return_for_the_same_case(new_chat, servers):
    chat = new_chat()
    chat.say("/start_supervision")
    chat.say("CSUP-303")
    chat.click("Drift")
    chat.say("To get the home safe and the children to school every day")
    chat.say("The school attendance action keeps coming back")
    chat.click("Agree actions")
    chat.say("Meet the school about attendance")
    chat.click("Me")
    chat.say("in two weeks")
    chat.click("Finish the session")
    # as if that session was 100 days ago, with its action due 86 days ago
    first = case_sessions(servers, "CSUP-303")[0][0]
    past = utcnow() - dt.timedelta(days=100)
    change(
        servers,
        "UPDATE supervision_sessions SET started_at = :t, updated_at = :t, ended_at = :t WHERE id = :id",
        t=past,
        id=first,
    )
    change(
        servers,
        "UPDATE supervision_actions SET created_at = :t, due_date = :d WHERE session_id = :id",
        t=past,
        d=(past + dt.timedelta(days=14)).date(),
        id=first,
    )

    chat.say("/start_supervision")  # the same practitioner comes back to the same case
    chat.say("CSUP-303")
    assert "Welcome back to CSUP-303" in chat.text and "(themes: drift)" in chat.text
    assert "Overdue actions" in chat.text and "Meet the school about attendance" in chat.text
    assert "86 days ago" in chat.text
    assert "This case may be drifting" in chat.text and "1 agreed action is overdue" in chat.text
    assert "Was it done?" in chat.text
    chat.click("Not yet")
    assert "What has changed for the child since the last session" in chat.text
    chat.click("No real change")
    assert "actions agreed earlier are overdue" in chat.text
    chat.click("Use these themes")
    assert "(Drift)" in chat.text
    chat.say("stop")
    # a third visit, 50 days after the second: no change for the child across reviews for 100 days
    second = case_sessions(servers, "CSUP-303")[1][0]
    change(
        servers,
        "UPDATE supervision_sessions SET started_at = :t, updated_at = :t WHERE id = :id",
        t=utcnow() - dt.timedelta(days=50),
        id=second,
    )
    chat.say("/start_supervision")
    chat.say("CSUP-303")
    assert "No change for the child has been recorded since" in chat.text and "100 days and 2 reviews" in chat.text
    chat.say("stop")
    assert [s[3] for s in case_sessions(servers, "CSUP-303")] == [None, "same", None]
