"""At the check's free-text question (what the child says), a message is answered as a practice
question only when it is one; anything else is stored as the answer (hazard H10, action A8).
Through bot.walks.check.CheckService, with what NLU would have said (the intent and, for a question,
the sourced answer that actions/walk.py looks up)."""

from __future__ import annotations

import pytest

from bot.lang.questions import is_practice_question
from bot.records import store as records
from bot.walks.check import CheckService, Incoming

ASIDE = "Drift is when a case carries on without change for the child. (Source: ...)"
BEFORE_VOICE = {
    "q_danger_now": "no",
    "q_case_ref": "FTQ-1",
    "q_age": "9",
    "q_disability": "no",
    "q_parental_factors": "none",
    "q_material": "managing",
    "q_strengths": "warm",
    "q_engagement": "Seem to engage",
    "q_dc_signs": "no",
    "q_seen_alone": "yes",
}


@pytest.fixture()
def at_the_voice_question(db_url, clock):
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "ftq-user")
    for _ in range(40):
        q = next_question(svc, check_id)
        if q.id == "q_child_voice":
            return svc, check_id
        kind = q.id.partition("__")[0]
        svc.handle(check_id, Incoming("no" if kind == "q_seen" else BEFORE_VOICE[q.id]))
    raise AssertionError("never reached the child's-voice question")


def next_question(svc, check_id):
    with records.session_scope(svc.db_url) as s:
        return svc.plan.next_question(svc._answers(s.get(records.Check, check_id)))


def voice_answers(svc, check_id) -> list[str]:
    with records.session_scope(svc.db_url) as s:
        return [
            a.text
            for a in s.get(records.Check, check_id).answers
            if a.question_id == "q_child_voice" and not a.superseded
        ]


@pytest.mark.parametrize(
    "text",
    [
        "what is drift?",
        "what is drift",  # no question mark, but a question
        "how long should a check take",
        "can I see the guidance on drift",
    ],
)
def test_a_practice_question_is_answered_and_the_question_asked_again(at_the_voice_question, text):
    svc, check_id = at_the_voice_question
    step = svc.handle(check_id, Incoming(text, "faq", 0.9, aside=ASIDE))
    assert [r.text for r in step.replies] == [ASIDE, "Now, back to the check."]
    assert voice_answers(svc, check_id) == []
    assert next_question(svc, check_id).id == "q_child_voice"


@pytest.mark.parametrize(
    "text",
    [
        "when I asked him he said nobody makes his tea",  # a question word, then an answer
        "what she says is that mum sleeps all day",
        "why does nobody cook for me, she said",
        "is always hungry and tired",
        "how do I know if mum is coming back, he asked",
        "nothing yet",
        "Date of Birth: 9 Sept 2018",  # taken for a topic by the classifier
    ],
)
def test_an_answer_is_stored_even_when_the_classifier_took_it_for_a_question(at_the_voice_question, text):
    svc, check_id = at_the_voice_question
    step = svc.handle(check_id, Incoming(text, "faq", 0.9, aside=ASIDE))
    assert ASIDE not in [r.text for r in step.replies]
    stored = voice_answers(svc, check_id)
    assert len(stored) == 1 and "Sept" not in stored[0]  # stored, and scrubbed
    assert next_question(svc, check_id).id != "q_child_voice"


def test_the_rule_on_its_own():
    assert is_practice_question("what counts as neglect")
    assert is_practice_question("is it ok to skip this one")
    assert not is_practice_question("when I asked him he said nobody cooks")
    assert not is_practice_question("is always hungry")
    assert not is_practice_question("")
    assert not is_practice_question("who is Mrs Testperson")  # a personal detail is answer content


def test_the_first_impact_question_says_what_counts_as_serious_and_some_impact_for_the_age(db_url, clock):
    # issue 21: the impact question helps the practitioner judge, for the child's age band
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "impact-user")
    answers = {"q_danger_now": "no", "q_case_ref": "IMP-1", "q_age": "7 months", "q_disability": "no"}
    seen = False
    for _ in range(20):
        q = next_question(svc, check_id)
        if q.id.startswith("q_impact__"):
            break
        kind = q.id.partition("__")[0]
        value = {"q_seen": "no" if seen else "yes", "q_pattern": "persistent"}.get(kind) or answers[q.id]
        seen = seen or kind == "q_seen"
        svc.handle(check_id, Incoming(value))
    else:
        raise AssertionError("never reached an impact question")
    asked = " ".join(r.text for r in svc.prompt(check_id))
    assert "serious impact (significant harm)" in asked and "As some impact" in asked and "Source:" in asked


@pytest.mark.parametrize("correcting", [False, True])
def test_danger_at_the_understood_list_gets_999_first(db_url, clock, correcting):
    # the states an opening account adds: the list to confirm, and "which item is wrong?"
    svc = CheckService(db_url=db_url, clock=clock)
    account = (
        "HV here - concerned about a 9 month old, home conditions poor and weight dropping off the "
        "centile, mum is depressed and her partner uses cannabis"
    )
    check_id, replies = svc.start("rest", f"acc-{correcting}", account=account)
    assert any("what I understood" in r.text for r in replies)
    if correcting:
        svc.handle(check_id, Incoming("no"))
    step = svc.handle(
        check_id,
        Incoming("the baby is alone in the flat right now and mum has gone out", "immediate_danger", 1.0, None, True),
    )
    assert step.replies[0].text.startswith("If a child is in immediate danger, call 999 now.")
