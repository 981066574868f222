"""A second Monday-morning probe of the running assistant (session 20, S20-UX3): what a school
nurse, an early help worker, a police officer in the MASH and a team manager stumbled on over
REST, each fixed by class and tested here on invented texts (the docs section "A second
Monday-morning probe")."""

from __future__ import annotations

from bot.records import store as records
from bot.walks.check import CheckService, Incoming


def stored(svc, check_id):
    with records.session_scope(svc.db_url) as s:
        return {a.question_id: a.value for a in s.get(records.Check, check_id).answers if not a.superseded}


# -- 1. a case told just after the check asked for it ------------------------------------------
def test_a_case_told_at_the_first_question_after_the_invitation_is_read_not_taken_as_danger(db_url, clock):
    # "If you like, first tell me what's worrying you in your own words": the nurse's reply at the
    # danger question was stored as danger "Not sure" (from its "maybe"), and the age she gave
    # was asked again
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "s20-1")
    step = svc.handle(
        check_id, Incoming("she's 7, turns up late and unwashed most days, it's been like this since October maybe")
    )
    now = stored(svc, check_id)
    assert "q_danger_now" not in now  # still asked, with the list
    assert now.get("q_age") == "primary"
    assert "Here is what I understood" in "\n".join(r.text for r in step.replies)
    assert "immediate danger" in "\n".join(r.text for r in svc.prompt(check_id))


def test_the_invitation_does_not_make_a_plain_danger_answer_an_account(db_url, clock):
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "s20-2")
    svc.handle(check_id, Incoming("no"))
    assert stored(svc, check_id) == {"q_danger_now": "no"}
    # once something is answered, two items alone are no account any more (as before)
    svc.handle(check_id, Incoming("QX-41"))
    before = stored(svc, check_id)
    svc.handle(check_id, Incoming("not sure really, I think she's 7 and it's been going on since half term"))
    assert "!account" not in {k for k in stored(svc, check_id)} and stored(svc, check_id).keys() >= before.keys()


# -- 2. a case told at the reference question ----------------------------------------------------
def test_a_case_told_at_the_reference_question_is_read_not_lost(db_url, clock):
    # "I couldn't place that in the check's questions, so nothing from it is saved" for a message
    # telling two things the check asks, typed where the reference was asked
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "s20-3")
    svc.handle(check_id, Incoming("no"))
    step = svc.handle(
        check_id,
        Incoming("she says dad sleeps a lot in the day and she walks herself to school, her teeth are really bad too"),
    )
    text = "\n".join(r.text for r in step.replies)
    now = stored(svc, check_id)
    assert "nothing from it is saved" not in text
    assert now.get("q_seen__medical_neglect") == "yes" and "q_case_ref" not in now
    assert "case reference" in "\n".join(r.text for r in svc.prompt(check_id))
    svc.handle(check_id, Incoming("QX-42"))  # a reference is still a reference
    assert stored(svc, check_id)["q_case_ref"] == "QX-42"


# -- 3. the 999 answer outside a walk ------------------------------------------------------------
def test_the_999_answer_outside_a_walk_does_not_offer_to_carry_on(kb, db_url):
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    from actions.general import ActionImmediateDanger
    from bot.walks.safety import emergency_reply

    inside, outside = emergency_reply(kb).text, emergency_reply(kb, in_walk=False).text
    assert inside.startswith("If a child is in immediate danger, call 999 now.")
    assert outside.splitlines()[:3] == inside.splitlines()[:3]
    assert "carry on where we were" in inside and "carry on" not in outside

    def run(flow):
        latest = {"text": "the baby is on her own in the flat right now", "intent": {"name": "immediate_danger"}}
        tracker = Tracker("s20-4", {"flow": flow}, latest, [], False, None, {}, "action_listen")
        d = CollectingDispatcher()
        ActionImmediateDanger().run(d, tracker, {})
        return d.messages[0]["text"]

    assert "carry on where we were" not in run(None)
    assert "carry on where we were" in run("check")


# -- 4. the honest fallback's "nearest topics" line ----------------------------------------------
def _fallback(kb, text):
    from actions.answers import _nearest_last
    from bot.knowledge.answers import not_covered

    return _nearest_last(not_covered(text, kb), kb)


def test_the_nearest_topics_line_leads_to_its_buttons(kb):
    # it stood above "For this question, ask your designated safeguarding lead", its colon leading
    # to that line, not to the buttons
    from bot.knowledge.answers import settings

    found = _fallback(kb, "how do I get a stepdad who works offshore to come to core groups?")
    assert found.reply.buttons
    assert found.reply.text.split("\n")[-1] == settings(kb).texts["nearest"]


def test_inside_a_walk_the_nearest_topics_are_named_not_promised(kb):
    # mid-check the walk's own buttons are shown, so "The nearest topics ...:" was followed by nothing
    from actions.answers import _nearest_named
    from bot.knowledge.answers import settings

    found = _fallback(kb, "how do I get a stepdad who works offshore to come to core groups?")
    text = _nearest_named(found, kb)
    nearest = settings(kb).texts["nearest"]
    line = next(ln for ln in text.split("\n") if ln.startswith(nearest))
    assert line != nearest and all(b.title in line for b in found.reply.buttons)


# -- 5. supervision: a case told at the choice of themes -----------------------------------------
def test_a_case_told_at_the_themes_is_kept_and_the_themes_asked_once(db_url, clock):
    from bot.records.supervision_models import Reflection
    from bot.walks.supervision import SupervisionService

    svc = SupervisionService(db_url=db_url, clock=clock, drift_days=90)
    sid, _ = svc.start("rest", "s20-5", "reflective supervision")
    svc.handle(sid, Incoming("QS-51"))
    step = svc.handle(sid, Incoming("two reviews on and the girls still turn up to school filthy and starving"))
    text = "\n".join(r.text for r in list(step.replies) + svc.prompt(sid))
    assert "I've kept what you told me" in text
    assert text.count("Which theme would you like") == 1, text
    with records.session_scope(db_url) as s:
        told = [r.text for r in s.query(Reflection).all() if r.question_key == "told"]
    assert len(told) == 1 and "starving" in told[0]


# -- 6. supervision: a between-themes button typed at a reflection question -----------------------
def test_agree_actions_typed_at_a_reflection_question_agrees_actions(db_url, clock):
    # "Agree actions" typed at a follow-up question was saved as the reflection ("A: Agree actions")
    from bot.records.supervision_models import Reflection
    from bot.walks.supervision import SupervisionService

    svc = SupervisionService(db_url=db_url, clock=clock, drift_days=90)
    sid, _ = svc.start("rest", "s20-6", "reflective supervision")
    svc.handle(sid, Incoming("QS-61"))
    svc.handle(sid, Incoming("Drift"))
    assert "(Drift)" in "\n".join(r.text for r in svc.prompt(sid))
    svc.handle(sid, Incoming("agree actions."))
    assert "What is the first thing that will be done" in "\n".join(r.text for r in svc.prompt(sid))
    with records.session_scope(db_url) as s:
        assert [r.text for r in s.query(Reflection).all()] == []
    # a reflection that only mentions actions is still a reflection
    sid2, _ = svc.start("rest", "s20-6b", "reflective supervision")
    svc.handle(sid2, Incoming("QS-62"))
    svc.handle(sid2, Incoming("Drift"))
    svc.handle(sid2, Incoming("we agree actions at every review and none of them happen"))
    with records.session_scope(db_url) as s:
        assert [r.text for r in s.query(Reflection).all()] == [
            "we agree actions at every review and none of them happen"
        ]


# -- 7. a correction of an earlier answer typed at a later question --------------------------------
_TO_CHILD_VOICE = (
    ["no", "QX-71", "9", "no"]
    + ["no"] * 6
    + [
        "None of these",
        "Managing",
        "Nothing I can see",
        "No help offered yet",
        "No",  # seen alone: no
    ]
)


def test_actually_seen_alone_at_the_childs_voice_changes_the_earlier_answer(db_url, clock):
    # "actually he is seen alone, ..." at "What does the child say?" was saved as the child's voice
    # and "Child seen alone: No" stood (the summary then prompted about the invisible child)
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "s20-7")
    for said in _TO_CHILD_VOICE:
        svc.handle(check_id, Incoming(said))
    assert stored(svc, check_id)["q_seen_alone"] == "no"
    assert "What does the child say" in "\n".join(r.text for r in svc.prompt(check_id))
    step = svc.handle(check_id, Incoming("actually she is seen alone, I see her every week at my drop-in"))
    now = stored(svc, check_id)
    assert now["q_seen_alone"] == "yes" and "q_child_voice" not in now
    assert "Changed:" in step.replies[-1].text and "Child seen alone: Yes" in step.replies[-1].text
    assert "What does the child say" in "\n".join(r.text for r in svc.prompt(check_id))  # asked again
    # a reply that opens the same way but changes nothing is the answer, as before
    svc.handle(check_id, Incoming("actually she says she likes school dinners best"))
    assert stored(svc, check_id)["q_child_voice"] == "given"


# -- 8. an offer ("That sounds like ...") is not repeated with words said before -----------------
def test_a_reply_that_places_nothing_drops_the_offer_it_was_given(db_url, clock):
    # at "How are the parents responding to help?", "not really" was offered back as 'Avoiding or
    # refusing help'; every later reply that placed nothing got the same offer again, "(you said:
    # "not really")", under "nothing from it is saved"
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "s20-8")
    for said in _TO_CHILD_VOICE[:-2]:
        svc.handle(check_id, Incoming(said))
    assert "responding to help" in "\n".join(r.text for r in svc.prompt(check_id))
    svc.handle(check_id, Incoming("not really"))
    offer = "\n".join(r.text for r in svc.prompt(check_id))
    assert 'you said: "not really"' in offer  # offered back (the reading is the reader's)
    svc.handle(check_id, Incoming("yes he gets himself to school, mum's asleep when he leaves"))
    again = "\n".join(r.text for r in svc.prompt(check_id))
    assert 'you said: "not really"' not in again and "responding to help" in again
    assert "q_engagement" not in stored(svc, check_id)


# -- 9. the child's age told in the message that starts the check ----------------------------------
def test_a_check_asked_for_with_the_age_keeps_the_age(db_url, clock):
    # "NEGLECT CHECK ON A 6 YR OLD PLEASE" is no case description, so the age was asked again
    from rasa_sdk import Tracker

    from actions.check import opening_account

    def tracker(latest):
        latest_message = {"text": latest, "intent": {"name": "start_check", "confidence": 1.0}}
        events = [{"event": "user", "text": latest}]
        return Tracker("s20-9", {}, latest_message, events, False, None, {}, "action_listen")

    said = "CHECK ON A 7 YR OLD GIRL PLEASE"
    assert opening_account(tracker(said)) == said
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "s20-9", account=opening_account(tracker(said)))
    assert stored(svc, check_id).get("q_age") == "primary"
    for plain in ("start a neglect check please", "check my concerns about a child", "I'd like to start a check"):
        assert opening_account(tracker(plain)) is None, plain
