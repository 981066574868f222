"""Issue 20: the practitioner is told once in a conversation which kinds of personal detail
were taken out of what they typed, and again only for a kind not told yet (bot/walks/details_notice.py,
the notice text in knowledge/language/personal_details.yml). Every name, phone and school
here is invented."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.records import store as records
from bot.walks.check import CheckService, Incoming
from bot.walks.details_notice import EVENT, conversation_minutes, notice_once

BEFORE_VOICE = {
    "q_danger_now": "no",
    "q_case_ref": "PDN-1",
    "q_age": "9",
    "q_disability": "no",
    "q_parental_factors": "none",
    "q_material": "managing",
    "q_strengths": "warm",
    "q_engagement": "Seem to engage",
    "q_dc_signs": "no",
    "q_seen_alone": "yes",
}


def _next_question(svc, check_id):
    with records.session_scope(svc.db_url) as s:
        return svc.plan.next_question(svc._answers(s.get(records.Check, check_id)))


def _to_the_voice_question(svc, check_id):
    for _ in range(40):
        q = _next_question(svc, check_id)
        if q.id == "q_child_voice":
            return
        kind = q.id.partition("__")[0]
        svc.handle(check_id, Incoming("no" if kind == "q_seen" else BEFORE_VOICE[q.id]))
    raise AssertionError("never reached the child's-voice question")


def _notices(step) -> list[str]:
    return [r.text for r in step.replies if r.text.startswith("I removed")]


@pytest.fixture()
def user_id(db_url):
    with records.session_scope(db_url) as s:
        user = records.User(channel="rest", external_id="pdn-user")
        s.add(user)
        s.flush()
        return user.id


def test_a_kind_is_told_once_and_a_new_kind_again(db_url, user_id):
    now = dt.datetime(2026, 11, 23, 9, 30)
    with records.session_scope(db_url) as s:
        first = notice_once(s, user_id, ["name", "place"], now)
        assert len(first) == 1 and first[0].text.startswith("I removed names and places before saving")
        assert notice_once(s, user_id, ["place", "name"], now + dt.timedelta(minutes=5)) == []
        third = notice_once(s, user_id, ["name", "phone"], now + dt.timedelta(minutes=6))
        assert len(third) == 1 and third[0].text.startswith("I removed phone numbers before saving")
        assert notice_once(s, user_id, [], now) == []
    with records.session_scope(db_url) as s:  # the memory holds the kinds, never the words
        details = [e.detail for e in s.query(records.AuditEvent).filter_by(event=EVENT).order_by(records.AuditEvent.id)]
    assert details == ["name,place", "phone"]


def test_a_new_conversation_is_told_again_and_another_user_is_told_too(db_url, user_id):
    now = dt.datetime(2026, 11, 23, 9, 30)
    with records.session_scope(db_url) as s:
        other = records.User(channel="rest", external_id="pdn-other")
        s.add(other)
        s.flush()
        assert notice_once(s, user_id, ["name"], now)
        assert notice_once(s, other.id, ["name"], now)  # one user's notice is not another's
        later = now + dt.timedelta(minutes=conversation_minutes() - 1)
        assert notice_once(s, user_id, ["name"], later) == []
        next_day = later + dt.timedelta(minutes=conversation_minutes() + 1)
        assert notice_once(s, user_id, ["name"], next_day)


def test_the_conversation_length_is_rasa_s_session_length():
    from pathlib import Path

    import yaml

    domain = yaml.safe_load((Path(__file__).resolve().parents[2] / "domain.yml").read_text(encoding="utf-8"))
    assert conversation_minutes() == domain["session_config"]["session_expiration_time"]


def test_in_a_check_a_later_answer_with_the_same_kind_is_not_told_again(db_url, clock):
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "pdn-check")
    _to_the_voice_question(svc, check_id)
    step = svc.handle(check_id, Incoming("Kayden Testwell said nobody makes his tea"))
    assert _notices(step) == [
        "I removed names before saving, so that no child or family can be identified from "
        "this record. Please use roles instead, such as 'mum' or 'the older child'."
    ]
    svc.handle(check_id, Incoming("/go_back", "go_back"))
    assert _next_question(svc, check_id).id == "q_child_voice"
    step = svc.handle(check_id, Incoming("Kayden told his teacher he was hungry"))
    assert _notices(step) == []
    with records.session_scope(db_url) as s:
        texts = [
            a.text
            for a in s.get(records.Check, check_id).answers
            if a.question_id == "q_child_voice" and not a.superseded
        ]
    assert texts == ["[name] told his teacher he was hungry"]  # still scrubbed, only not told again
    svc.handle(check_id, Incoming("/go_back", "go_back"))
    step = svc.handle(check_id, Incoming("Kayden rang me from 07700 900321 and said he was hungry"))
    assert _notices(step) == [
        "I removed phone numbers before saving, so that no child or family can be identified from "
        "this record. Please use roles instead, such as 'mum' or 'the older child'."
    ]
