"""A Monday-morning probe of the running assistant (session 19, S19-UX1): what three invented
practitioners stumbled on over REST, each fixed by class and tested here on invented texts
(docs/understanding.md, "A Monday-morning probe")."""

from __future__ import annotations

from bot.records import store as records
from bot.walks.check import CheckService, Incoming

HV = (
    "Health visitor here. Baby is 9 months old, lives with mum who is 19 and her boyfriend. At the last "
    "three visits the flat was cold, there was no food in the fridge apart from milk, the baby had a bad "
    "nappy rash and was in the same dirty babygro. Mum has missed two immunisation appointments and the "
    "8 month review. Boyfriend smokes cannabis in the flat I think."
)


def stored(svc, check_id):
    with records.session_scope(svc.db_url) as s:
        return {a.question_id: a.value for a in s.get(records.Check, check_id).answers if not a.superseded}


def _after_account(db_url, clock, user, text):
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", user, account=HV)
    before = stored(svc, check_id)
    step = svc.handle(check_id, Incoming(text))
    return svc, check_id, before, step


def test_an_answer_naming_the_danger_question_under_the_list_answers_it(db_url, clock):
    # "no, not in immediate danger" under the understood list was read as a correction
    # ("Response to help: avoiding or refusing help", from "not in"), which raised the level to
    # child protection, and the danger question was asked again
    svc, check_id, before, step = _after_account(db_url, clock, "mp-1", "no, not in immediate danger")
    now = stored(svc, check_id)
    assert now["q_danger_now"] == "no"
    assert "q_engagement" not in now and not any("Changed" in r.text for r in step.replies)
    assert {k: v for k, v in now.items() if k != "q_danger_now"} == before


def test_a_correction_beside_the_danger_answer_still_counts(db_url, clock):
    svc, check_id, _, step = _after_account(db_url, clock, "mp-2", "no physical neglect actually, the home is fine")
    assert stored(svc, check_id)["q_seen__physical_neglect"] == "no"
    assert "Changed" in step.replies[0].text


def test_an_item_the_list_did_not_have_is_added_not_changed(db_url, clock):
    # "uniform is dirty and too small" after a list without physical neglect said "Changed:"
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start(
        "rest",
        "mp-3",
        account="DSL at a secondary school, Year 8 girl who is 13, she's been coming in hungry most days "
        "since half term and mum has missed her last two dental appointments",
    )
    assert "q_seen__physical_neglect" not in stored(svc, check_id)
    step = svc.handle(check_id, Incoming("also her uniform is dirty and too small"))
    text = "\n".join(r.text for r in step.replies)
    assert "Added:" in text and "Physical neglect" in text and "Changed:" not in text
    assert stored(svc, check_id)["q_seen__physical_neglect"] == "yes"


def test_the_topic_words_of_a_question_leave_out_words_many_questions_share():
    from bot.walks.check import default_plan

    words = default_plan().topic_words
    assert {"danger", "immediate"} <= words["q_danger_now"]
    assert "medical" in words["q_seen__medical_neglect"] and "neglect" not in words["q_seen__medical_neglect"]


def test_why_before_a_thinking_trap_answer_does_not_name_it(db_url, clock):
    # TRN-10 step 2 asks which thinking trap is at play; "why" cited the section 'Disguised
    # compliance', the model answer, before the trainee had answered
    import random

    from bot.knowledge.loader import get_kb
    from bot.walks.training import TrainingService
    from bot.walks.training_library import get_library

    kb = get_kb()
    service = TrainingService(kb, get_library(kb), db_url, clock, random.Random(7))
    attempt_id, _ = service.start("rest", "mp-trainee")
    service.handle(attempt_id, Incoming("TRN-10"))
    first = service.handle(attempt_id, Incoming("/why_asking", "why_asking", 1.0)).replies[0].text
    assert "'Types of Neglect'" in first  # a section that names no option is cited in full
    service.handle(attempt_id, Incoming("nutritional and physical"))
    why = service.handle(attempt_id, Incoming("/why_asking", "why_asking", 1.0)).replies[0].text
    assert "Why I ask" in why and "Practice guidance: preventing and safeguarding children from neglect" in why
    assert "disguised compliance" not in why.lower()
    feedback = "\n".join(r.text for r in service.handle(attempt_id, Incoming("disguised compliance")).replies)
    assert "Disguised compliance" in feedback  # the section comes with the feedback


def _to_question(svc, check_id, qid):
    """Skips (or gives a reference) until the check asks `qid`."""
    for _ in range(60):
        with records.session_scope(svc.db_url) as s:
            check = s.get(records.Check, check_id)
            q = svc.plan.next_question(svc._answers(check))
        if q.id == qid:
            return
        svc.handle(check_id, Incoming("MP-5") if q.kind == "case_ref" else Incoming("/skip", "skip", 1.0))
    raise AssertionError(f"never reached {qid}")


def test_two_questions_answered_in_one_sentence_with_a_comma(db_url, clock):
    # "not yet, about a 4" to "does your safeguarding lead know?" and the 0-10 scale: the scale
    # was asked again
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "mp-4")
    _to_question(svc, check_id, "q_dsl_knows")
    assert "scale of 0 to 10" in svc.prompt(check_id)[0].text  # asked together
    svc.handle(check_id, Incoming("not yet, about a 4"))
    got = stored(svc, check_id)
    assert got["q_dsl_knows"] == "no" and got["q_scale"] == "4"


def test_a_comma_splits_nothing_the_second_part_does_not_surely_answer(db_url, clock):
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "mp-5")
    _to_question(svc, check_id, "q_dsl_knows")
    svc.handle(check_id, Incoming("not yet, I will tell her today"))
    got = stored(svc, check_id)
    assert got["q_dsl_knows"] == "no" and "q_scale" not in got


def test_the_reference_is_not_the_words_beside_the_other_answer(db_url, clock):
    # the summary said "Disability or additional needs: No (HV-204, no disability that I know of)"
    svc, check_id, _, _ = _after_account(db_url, clock, "mp-6", "no")
    assert "disability" in svc.prompt(check_id)[0].text  # asked with the reference
    svc.handle(check_id, Incoming("HV-204, no disability that I know of"))
    with records.session_scope(svc.db_url) as s:
        rows = {a.question_id: a for a in s.get(records.Check, check_id).answers if not a.superseded}
        assert rows["q_disability"].value == "no" and "HV-204" not in rows["q_disability"].text
        assert s.get(records.Check, check_id).case.reference == "HV-204"


DANGER_MID_CHECK = "sorry, mum has just rung me, her boyfriend is drunk and has locked the baby in the flat on his own"


def test_a_danger_told_mid_check_gets_the_999_answer_alone_and_nothing_is_stored(db_url, clock):
    # (the lead, session 19) S19-UX1 kept what a danger message told for later questions; withdrawn:
    # an emergency may be about another child (the clean-clone safety test's phrasings changed the
    # check's age band and its question count), so the 999 answer comes alone and the question asked
    # is asked again, as before
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "mp-7")
    _to_question(svc, check_id, "q_seen__medical_neglect")
    before = stored(svc, check_id)
    step = svc.handle(check_id, Incoming(DANGER_MID_CHECK, "immediate_danger", 0.95, danger_rule=True))
    assert step.replies[0].text.startswith("If a child is in immediate danger, call 999 now.")
    assert len(step.replies) == 1 and stored(svc, check_id) == before
    assert "Have you seen signs of medical neglect" in svc.prompt(check_id)[-1].text


def test_the_danger_button_keeps_nothing_and_an_answer_is_no_report(db_url, clock):
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "mp-8")
    _to_question(svc, check_id, "q_seen__medical_neglect")
    before = stored(svc, check_id)
    step = svc.handle(check_id, Incoming("/immediate_danger", "immediate_danger", 1.0))
    assert len(step.replies) == 1 and stored(svc, check_id) == before


def test_a_cases_chronology_asked_for_mid_check_is_shown_and_the_question_asked_again(db_url, clock):
    # "chronology for DSL-77" mid-check was read as "That sounds like 'Persistent, most of the time'"
    from bot.walks.moves import Walks

    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "mp-9")
    svc.handle(check_id, Incoming("no"))
    svc.handle(check_id, Incoming("DSL-77"))
    _to_question(svc, check_id, "q_seen__medical_neglect")
    svc.handle(check_id, Incoming("yes"))
    asked = svc.prompt(check_id)[-1].text
    assert "how often" in asked
    out = Walks(db_url=db_url).turn("check", check_id, Incoming("chronology for DSL-77", "show_chronology", 0.9))
    text = "\n".join(r.text for r in out.replies)
    assert "Chronology for case DSL-77" in text and "That sounds like" not in text
    assert out.replies[-1].text == asked and out.flow == "check" and out.flow_id == check_id
    assert svc.is_active(check_id) and "q_pattern__medical_neglect" not in stored(svc, check_id)


def test_a_report_without_a_reference_is_no_command_mid_walk():
    from bot.walks import commands

    def no_answer():
        return None

    assert commands.decide("chronology for ABC-12", "show_chronology", 0.9, False, no_answer).command == (
        commands.Command("chronology", "ABC-12")
    )
    assert commands.decide("show me the chronology", "show_chronology", 0.9, False, no_answer).command is None
    assert commands.decide("/show_chronology", "show_chronology", 1.0, False, no_answer).command is None


def test_a_long_message_read_for_nothing_is_told_nothing_was_saved(db_url, clock):
    # "also ... the flat is freezing" under the list got only "Please choose one of the buttons"
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "mp-10")
    before = stored(svc, check_id)
    long = "sorry I'm on the bus, I will look at this properly when I'm back at the office"
    step = svc.handle(check_id, Incoming(long))
    assert "nothing from it is saved" in step.replies[-1].text and "yes" in step.replies[-1].text
    assert stored(svc, check_id) == before
    short = svc.handle(check_id, Incoming("hmm"))
    assert "nothing from it is saved" not in short.replies[-1].text


def test_a_thinking_trap_heard_in_an_account_is_not_promised_for_the_end(db_url, clock):
    # "Noted for reflection at the end: optimism" was shown, and the summary never came back to it
    svc = CheckService(db_url=db_url, clock=clock)
    _, replies = svc.start("rest", "mp-11", account=HV + " She seems low but says she's fine.")
    shown = replies[-1].text
    assert "optimism" in shown and "at the end" not in shown and "not one of the check's answers" in shown
