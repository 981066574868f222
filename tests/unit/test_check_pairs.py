"""Fewer turns to the summary (issue 19): two questions asked as one where one reply answers both
(knowledge/language/account_words.yml `paired`), and an answer about two children asks which child the
check is about. Through bot.walks.check.CheckService; every case detail here is invented."""

from __future__ import annotations

from bot.records import store as records
from bot.walks.check import CheckService, Incoming

# answers typed to reach a question: a primary-age child, one type of neglect seen
TO_REACH = {
    "q_danger_now": "no",
    "q_case_ref": "PAIR-1",
    "q_age": "9",
    "q_disability": "no",
    "q_seen": "no",
}


def next_question(svc, check_id):
    with records.session_scope(svc.db_url) as s:
        return svc.plan.next_question(svc._answers(s.get(records.Check, check_id)))


def stored(svc, check_id) -> dict[str, tuple[str, str]]:
    with records.session_scope(svc.db_url) as s:
        rows = s.get(records.Check, check_id).answers
        return {a.question_id: (a.value, a.text) for a in rows if not a.superseded}


def reach(svc, check_id, target: str, seen: str = "q_seen__nutritional_neglect", extra: dict | None = None):
    """Answers every question before `target` (the `seen` type is a yes)."""
    answers = dict(TO_REACH, **(extra or {}))
    for _ in range(60):
        q = next_question(svc, check_id)
        if q.id == target:
            return
        kind = q.id.partition("__")[0]
        if q.id == seen:
            text = "yes"
        elif q.id in answers:
            text = answers[q.id]
        elif kind in answers:
            text = answers[kind]
        else:
            text = q.options[0].label if q.options else "nothing yet"
        svc.handle(check_id, Incoming(text))
    raise AssertionError(f"never reached {target}")


def test_how_often_and_the_impact_are_asked_together_and_one_reply_fills_both(db_url, clock):
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "pair-1")
    reach(svc, check_id, "q_pattern__nutritional_neglect")
    asked = svc.prompt(check_id)[0].text
    assert "how often has it happened" in asked and "What impact is the nutritional neglect having" in asked
    svc.handle(check_id, Incoming("every day since september; some, he is always hungry and tired in class"))
    got = stored(svc, check_id)
    assert got["q_pattern__nutritional_neglect"][0] == "persistent"
    # the words of each part are kept as evidence beside its answer
    assert got["q_pattern__nutritional_neglect"][1] == "every day since september"
    assert got["q_impact__nutritional_neglect"] == ("some", "some, he is always hungry and tired in class")


def test_a_reply_to_the_first_question_only_leaves_the_second_to_ask(db_url, clock):
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "pair-2")
    reach(svc, check_id, "q_pattern__nutritional_neglect")
    svc.handle(check_id, Incoming("on and off"))
    got = stored(svc, check_id)
    assert got["q_pattern__nutritional_neglect"][0] == "comes_and_goes"
    assert "q_impact__nutritional_neglect" not in got
    assert next_question(svc, check_id).id == "q_impact__nutritional_neglect"
    assert "how often" not in svc.prompt(check_id)[0].text  # asked on its own now


def test_no_clear_impact_is_never_taken_from_words_that_may_answer_the_other_question(db_url, clock):
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "pair-3")
    reach(svc, check_id, "q_pattern__nutritional_neglect")
    svc.handle(check_id, Incoming("every single day and nothing yet has changed"))
    assert "q_impact__nutritional_neglect" not in stored(svc, check_id)


def test_the_scale_is_read_only_from_a_part_of_its_own(db_url, clock):
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "pair-4")
    reach(svc, check_id, "q_dsl_knows", extra={"q_previous": "no", "q_duration": "about 4 months"})
    assert "On a scale of 0 to 10" in svc.prompt(check_id)[0].text
    svc.handle(check_id, Incoming("yes, I told her on the 3rd of this month"))
    got = stored(svc, check_id)
    assert got["q_dsl_knows"][0] == "yes" and "q_scale" not in got  # "3rd" is no place on the scale
    svc.handle(check_id, Incoming("4"))
    assert stored(svc, check_id)["q_scale"][0] == "4"


def test_two_parts_fill_the_safeguarding_lead_and_the_scale(db_url, clock):
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "pair-5")
    reach(svc, check_id, "q_dsl_knows", extra={"q_previous": "no", "q_duration": "about 4 months"})
    step = svc.handle(check_id, Incoming("yes, my DSL knows; 4"))
    assert step.finished  # that was the last question: the summary follows
    got = stored(svc, check_id)
    assert got["q_dsl_knows"][0] == "yes" and got["q_scale"][0] == "4"


def test_an_answer_about_two_children_asks_which_child_the_check_is_about(db_url, clock):
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "pair-6")
    reach(svc, check_id, "q_impact__nutritional_neglect", extra={"q_pattern": "persistent"})
    step = svc.handle(check_id, Incoming("the 3 yr old is fine but the baby is losing weight"))
    said = " ".join(r.text for r in step.replies)
    assert "one child at a time" in said and "Which child" in said
    assert "fits best" not in said and "choose one of the buttons" not in said
    assert "q_impact__nutritional_neglect" not in stored(svc, check_id)


def test_the_reference_and_the_age_in_one_reply_and_the_reference_keeps_only_its_words(db_url, clock):
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "pair-7")
    svc.handle(check_id, Incoming("no"))
    asked = svc.prompt(check_id)[0].text
    assert "case reference" in asked and "How old is the child?" in asked
    svc.handle(check_id, Incoming("ABC-12; 7 months"))
    got = stored(svc, check_id)
    assert got["q_case_ref"] == ("ABC-12", "ABC-12") and got["q_age"][0] == "baby"
    assert next_question(svc, check_id).id == "q_disability"


def test_a_reference_alone_leaves_the_age_to_ask(db_url, clock):
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "pair-8")
    svc.handle(check_id, Incoming("no"))
    svc.handle(check_id, Incoming("XYZ-9"))
    assert stored(svc, check_id)["q_case_ref"][0] == "XYZ-9"
    assert next_question(svc, check_id).id == "q_age"


def test_a_reply_about_how_often_is_never_offered_back_as_an_impact(db_url, clock):
    # "getting worse" says how often; an impact is offered back only from a part of its own
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "pair-9")
    reach(svc, check_id, "q_pattern__nutritional_neglect")
    svc.handle(check_id, Incoming("about 8 months, getting gradually worse"))
    assert stored(svc, check_id)["q_pattern__nutritional_neglect"][0] == "persistent"
    asked = svc.prompt(check_id)[0].text
    assert "That sounds like" not in asked and "What impact is the nutritional neglect having" in asked


def test_a_hedge_in_the_second_part_is_no_doubt_about_the_first(db_url, clock):
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "pair-hedge")
    reach(svc, check_id, "q_seen_alone", extra={"q_previous": "no", "q_duration": "about 4 months"})
    assert "What does the child say" in svc.prompt(check_id)[0].text
    svc.handle(check_id, Incoming("yes, at school; not sure"))
    got = stored(svc, check_id)
    assert got["q_seen_alone"] == ("yes", "yes, at school")  # stored, not "that sounds like 'Not sure'"
    asked = svc.prompt(check_id)[0].text
    assert not asked.startswith("That sounds like") and "What does the child say" in asked


def test_an_answer_to_the_second_question_only_is_said_back_while_the_first_is_asked_again(db_url, clock):
    # a reply that answers the question asked with the reference but gives no reference: the answer it
    # gives is kept and said back, and the reference is asked again (nothing taken silently)
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "pair-11")
    svc.handle(check_id, Incoming("no"))
    asked = svc.prompt(check_id)[0].text
    assert "case reference" in asked and "How old is the child?" in asked
    step = svc.handle(check_id, Incoming("she is about 7 months old now"))
    texts = [r.text for r in step.replies]
    got = stored(svc, check_id)
    assert "q_case_ref" not in got and got["q_age"][0] == "baby"
    noted = [t for t in texts if "noted your answer to the other question" in t]
    assert len(noted) == 1 and "Age band" in noted[0]
    assert next_question(svc, check_id).id == "q_case_ref"


def test_a_reply_that_answers_both_questions_says_nothing_extra(db_url, clock):
    svc = CheckService(db_url=db_url, clock=clock)
    check_id, _ = svc.start("rest", "pair-12")
    svc.handle(check_id, Incoming("no"))
    step = svc.handle(check_id, Incoming("ABC-12; 7 months"))
    assert not any("noted your answer to the other question" in r.text for r in step.replies)
