"""The records and reports actions (actions/records.py), driven with tracker fixtures."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.records import (
    ActionCaseSummary,
    ActionDistanceTravelled,
    ActionShowChronology,
    ActionSupervisorOverview,
    case_reference,
    record_wanted,
)
from bot.records import store as records
from bot.records.store import Answer, Check
from bot.reports.views import set_role

SENDER = "worker-a"


@pytest.fixture()
def run(make_tracker):
    """The messages of an action run on one message from a user (an action that sets no slot)."""

    def run(action, text: str, intent: str, sender: str = SENDER, **kw) -> list[dict]:
        dispatcher = CollectingDispatcher()
        assert action.run(dispatcher, make_tracker(text, intent, sender=sender, **kw), {}) == []
        return dispatcher.messages

    return run


def add_check(
    sender: str, ref: str, when: dt.datetime, level: str, scale: str, seen: dict[str, str], channel: str = "rest"
) -> int:
    """A finished check as the check service stores it (answers, level and summary)."""
    with records.session_scope() as s:
        user = records.get_or_create_user(s, channel, sender)
        case = records.get_or_create_case(s, user, ref, "default")
        chk = Check(
            user_id=user.id,
            case_id=case.id,
            status="complete",
            level=level,
            started_at=when,
            updated_at=when,
            summary=f"Neglect check for case {ref}, {when:%d %b %Y %H:%M}\nWhat you reported:",
        )
        s.add(chk)
        s.flush()
        answers = {"q_case_ref": ref, "q_scale": scale}
        for t in (
            "medical_neglect",
            "nutritional_neglect",
            "emotional_neglect",
            "educational_neglect",
            "physical_neglect",
            "supervision_neglect",
        ):
            answers[f"q_seen__{t}"] = "yes" if t in seen else "no"
            if t in seen:
                answers[f"q_pattern__{t}"], answers[f"q_impact__{t}"] = seen[t].split("/")
        for qid, value in answers.items():
            s.add(Answer(check_id=chk.id, question_id=qid, value=value, created_at=when))
        return chk.id


@pytest.fixture()
def case(db_url):
    first = add_check(
        "worker-a", "ACT-7", dt.datetime(2026, 2, 1, 10), "child_in_need", "3", {"physical_neglect": "persistent/some"}
    )
    second = add_check(
        "worker-a", "ACT-7", dt.datetime(2026, 5, 1, 10), "early_help", "6", {"physical_neglect": "one_off/none_yet"}
    )
    return first, second


def text_of(messages) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


def test_the_reference_comes_from_words_entities_or_a_button(make_tracker):
    assert case_reference(make_tracker("show the chronology for case abc-12", "show_chronology")) == "ABC-12"
    assert case_reference(make_tracker("the 0-10 chart over 6 months for ABC-12", "distance_travelled")) == "ABC-12"
    assert case_reference(make_tracker("how is my 0 to 10 scale doing", "distance_travelled")) is None
    assert (
        case_reference(
            make_tracker("summary please", "case_summary", entities=[{"entity": "case_ref", "value": "xy-3"}])
        )
        == "XY-3"
    )
    t = make_tracker('/case_summary{"case_ref": "ACT-7", "record": "check-2"}', "case_summary")
    assert case_reference(t) == "ACT-7" and record_wanted(t) == "check-2"
    assert case_reference(make_tracker("/case_summary", "case_summary")) is None
    assert record_wanted(make_tracker("summary of session 4 for ACT-7", "case_summary")) == "session-4"


def test_the_summary_of_the_latest_check(case, run):
    messages = run(ActionCaseSummary(), "show me the summary for ACT-7", "case_summary")
    assert messages[0]["text"] == "Guided check of 1 May 2026 for ACT-7, ready to paste into your case system:"
    assert messages[1]["text"].startswith("Neglect check for case ACT-7, 01 May 2026")
    payloads = [b["payload"] for m in messages for b in m.get("buttons") or []]
    assert f'/case_summary{{"case_ref": "ACT-7", "record": "check-{case[0]}"}}' in payloads


def test_a_summary_chosen_by_button(case, run):
    messages = run(
        ActionCaseSummary(), f'/case_summary{{"case_ref": "ACT-7", "record": "check-{case[0]}"}}', "case_summary"
    )
    assert messages[1]["text"].startswith("Neglect check for case ACT-7, 01 Feb 2026")


def test_no_reference_gets_a_question_with_the_users_cases(case, run):
    messages = run(ActionShowChronology(), "show the chronology", "show_chronology")
    assert "Which case do you mean?" in messages[0]["text"] and "show the chronology for ABC-12" in messages[0]["text"]
    assert messages[0]["buttons"] == [{"title": "ACT-7", "payload": '/show_chronology{"case_ref": "ACT-7"}'}]
    none = run(ActionCaseSummary(), "summary", "case_summary", sender="new-worker")
    assert "Which case do you mean?" in none[0]["text"] and not none[0].get("buttons")


def test_the_chronology(case, run):
    text = text_of(run(ActionShowChronology(), "chronology for ACT-7", "show_chronology"))
    assert text.index("1 Feb 2026  Guided check completed") < text.index("1 May 2026  Guided check completed")
    assert "Early help" in text


def test_distance_travelled_sends_the_chart_as_an_image(case, run):
    messages = run(ActionDistanceTravelled(), "how has ACT-7 changed", "distance_travelled")
    assert "Physical neglect: from 1 at the baseline to 3/4 (emerging worry)" in text_of(messages)
    images = [m["image"] for m in messages if m.get("image")]
    assert len(images) == 1 and images[0].startswith("data:image/png;base64,")
    assert base64.b64decode(images[0].split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"


def test_another_practitioners_case_is_not_shown(case, run):
    for action, intent in (
        (ActionCaseSummary(), "case_summary"),
        (ActionShowChronology(), "show_chronology"),
        (ActionDistanceTravelled(), "distance_travelled"),
    ):
        messages = run(action, "ACT-7 please", intent, sender="worker-b")
        assert len(messages) == 1 and "can't find a case ACT-7" in messages[0]["text"]
        assert not messages[0].get("image")


def test_the_overview_for_a_supervisor_and_for_a_practitioner(case, db_url, run):
    add_check("worker-b", "OTH-1", dt.datetime(2026, 6, 1, 10), "universal", "9", {})
    set_role("rest", "worker-a", "practitioner", "North")
    set_role("rest", "lead-1", "supervisor", "North")
    sup = text_of(run(ActionSupervisorOverview(), "show my team's cases", "supervisor_overview", sender="lead-1"))
    assert sup.startswith("Supervisor overview for team North") and "ACT-7, practitioner rest:worker-a" in sup
    assert "OTH-1" not in sup
    own = text_of(run(ActionSupervisorOverview(), "my cases", "supervisor_overview", sender="worker-b"))
    assert own.startswith("Your cases") and "OTH-1" in own and "ACT-7" not in own


def test_the_user_comes_from_the_channel_metadata(db_url, run):
    add_check("tenant:object-1", "TMS-2", dt.datetime(2026, 3, 1, 10), "early_help", "5", {}, channel="msteams")
    meta = {"channel": "msteams", "user_id": "tenant:object-1"}
    messages = run(ActionCaseSummary(), "summary for TMS-2", "case_summary", sender="conversation-9", metadata=meta)
    assert messages[1]["text"].startswith("Neglect check for case TMS-2")
    other = run(ActionCaseSummary(), "summary for TMS-2", "case_summary", sender="conversation-9")
    assert "can't find a case TMS-2" in other[0]["text"]


def test_the_action_server_registers_the_four_actions():
    from rasa_sdk.executor import ActionExecutor

    executor = ActionExecutor()
    executor.register_package("actions")  # fails if a helper class is registered as an action
    assert {
        "action_case_summary",
        "action_show_chronology",
        "action_distance_travelled",
        "action_supervisor_overview",
    } <= set(executor.actions)
