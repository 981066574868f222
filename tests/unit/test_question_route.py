"""Practice questions the classifier routed to start_check, help or show_chronology are answered as
practice questions (issue 18, point 2): bot/knowledge/practice_question.answered_instead, its words in
knowledge/language/coverage.yml (`requests_of`, `requests_unless_asked`), the NLU component
rasa_ext/question_route.py, and scripts/eval_answers.py scoring through the same decision. Real
requests keep their intent. The messages here are invented for this test."""

from __future__ import annotations

import dataclasses
import importlib.util
from pathlib import Path

import pytest
import yaml

from bot.knowledge import practice_question as pq
from bot.knowledge.errors import KnowledgeError

ROOT = Path(__file__).resolve().parents[2]

QUESTIONS = [
    ("start_check", "what's the process for a special guardianship assessment for a nan?"),
    ("start_check", "how do I refer a child with a stammer to speech therapy, is there a waiting list"),
    ("start_check", "How do I escalate to the front door if I'm worried a 13 year old is being exploited?"),
    ("start_check", "what is the guidance when a 14 yr old asks the school nurse not to tell her mum?"),
    ("start_check", "what level of police check does a volunteer at a childrens youth club need"),  # no request
    ("help", "what does a team around the family meeting involve for the school?"),
    ("pause", "can a school put a yr 8 on a part-time timetable, and for how long"),  # "yr 8": a child's age
    ("goodbye", "i've been asked to sit on a child protection conference, what's expected of me?"),
    ("show_chronology", "what should a social worker's analysis say in a child in need review?"),
    # "wot"/"wat": typed shorthand for "what" (knowledge/language/questions.yml), with no "?"
    ("help", "wot is a core group meeting for"),
    ("help", "wat does the front door do with a referral from a nursery"),
]

REQUESTS = [
    ("start_check", "can we go through a family i support?"),
    ("start_check", "start a check on a toddler at nursery please"),
    ("start_check", "worried about a 6 year old in my class, is it neglect?"),  # a case, not opened as a question
    ("start_check", "dad drinks every night and the 4 yr old is always hungry, what should I do?"),  # a case told
    ("start_check", "is this neglect?"),
    ("help", "what can you do for a DSL?"),
    ("help", "how do I use this as a health visitor?"),
    ("help", "wot can u do for a nursery manager"),  # shorthand, and still a request of the tool
    ("show_chronology", "can I see the chronology for case QZX-11 before core group?"),
    ("show_chronology", "what's happened on the family's case so far?"),
    ("pause", "can we pause here and come back to the child's health later?"),
    ("goodbye", "thanks, that's all for the family today - bye"),
    ("start_check", "concernd about a yr 4 girl, can we do a chek?"),  # typed slips of a request
    ("greet", "hello, is there guidance on neglect of a child?"),  # not an intent requests_of names
    ("immediate_danger", "what do i do, the baby is not breathing?"),
]


@pytest.mark.parametrize("intent, text", QUESTIONS)
def test_a_practice_question_is_answered_instead(kb, intent, text):
    assert pq.answered_instead(text, intent, kb)


@pytest.mark.parametrize("intent, text", REQUESTS)
def test_a_real_request_keeps_its_intent(kb, intent, text):
    assert not pq.answered_instead(text, intent, kb)


def test_small_talk_and_work_tasks_are_never_answered_instead(kb):
    for text in ("how does this work?", "help me fill in my timesheet for the home visits", "what now"):
        assert not pq.answered_instead(text, "help", kb)


def test_worried_counts_only_when_the_message_does_not_open_as_a_question(kb):
    asked = "how do I make a referral if I'm worried about a child in year 5?"
    told = "I'm worried about a child in year 5, how do I make a referral?"
    assert pq.answered_instead(asked, "start_check", kb)
    assert not pq.answered_instead(told, "start_check", kb)


def test_a_broken_requests_entry_is_named(kb):
    raw = dict(kb.extra[pq.COVERAGE])
    raw["practice_question"] = {
        **raw["practice_question"],
        "requests_of": {"start_check": []},
        "requests_unless_asked": {"show_menu": ["worried"]},
    }
    broken = dataclasses.replace(kb, extra={**kb.extra, pq.COVERAGE: raw})
    with pytest.raises(KnowledgeError) as exc:
        pq.rules(broken)
    problems = " ".join(exc.value.problems)
    assert "requests_of.start_check" in problems
    assert "requests_unless_asked.show_menu" in problems


def _message(text: str, intent: str, confidence: float = 0.8, **extra):
    from rasa.shared.nlu.training_data.message import Message

    message = Message(data={"text": text, **extra})
    message.set("intent", {"name": intent, "confidence": confidence})
    message.set("intent_ranking", [{"name": intent, "confidence": confidence}, {"name": "faq", "confidence": 0.1}])
    return message


def test_the_component_routes_a_question_to_faq_and_keeps_requests(kb):
    from rasa_ext.question_route import QuestionRoute

    component = QuestionRoute({})
    asked = _message(QUESTIONS[0][1], "start_check", 0.7)
    request = _message(REQUESTS[0][1], "start_check", 0.7)
    command = _message("what is early help for a family?", "help", 1.0, command_rule="help")
    danger = _message("is the toddler alone at home now?", "start_check", 0.6, danger_rule="alone")
    component.process([asked, request, command, danger])
    assert asked.get("intent") == {"name": "faq", "confidence": 0.7}
    # the two swap places in the ranking: no tie at the top for the fallback classifier to call ambiguous
    assert [(r["name"], r["confidence"]) for r in asked.get("intent_ranking")][:2] == [
        ("faq", 0.7),
        ("start_check", 0.1),
    ]
    assert asked.get("question_route") == "start_check"
    for kept, name in ((request, "start_check"), (command, "help"), (danger, "start_check")):
        assert kept.get("intent")["name"] == name and kept.get("question_route") is None


def test_the_answers_evaluation_scores_a_routed_question_through_the_same_decision(kb):
    spec = importlib.util.spec_from_file_location("eval_answers_ui3", ROOT / "scripts" / "eval_answers.py")
    evaluation = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(evaluation)

    def parse(text, intent):
        return {"text": text, "intent": {"name": intent, "confidence": 0.8}, "response_selector": {}}

    kind, _ = evaluation.outcome(parse(QUESTIONS[0][1], "start_check"), kb)
    assert kind in ("not_covered", "case")  # special guardianship: never an article
    assert evaluation.outcome(parse(REQUESTS[0][1], "start_check"), kb) == ("other:start_check", None)
    # a parse the component already routed is not routed twice
    routed = {**parse(QUESTIONS[0][1], "faq"), "question_route": "start_check"}
    assert evaluation.outcome(routed, kb)[0] == kind


def test_it_runs_after_the_danger_component_and_before_the_fallback_classifier():
    names = [c["name"] for c in yaml.safe_load((ROOT / "config.yml").read_text())["pipeline"]]
    here = names.index("rasa_ext.question_route.QuestionRoute")
    assert names.index("rasa_ext.danger.DangerDetector") < here < names.index("FallbackClassifier")


DOUBTS = [
    "honestly unsure whether my worries are over the threshold, who should I speak to",
    "cant tell if it's enough for a referral",
    "how do i know whether a worry meets the threshold for social care?",
    "never sure about threshold with neglect, what do people do",
]

CHECKS = [
    "not sure it meets threshold, can we check",  # asks for the check
    "unsure about the threshold, let's go through a family",
    "not sure if this meets threshold - mum drinks and the 3 year old was alone yesterday",  # a case told
    "dont know if it meets threshold, help me work it out",
    # a worry told ("worried about", requests_unless_asked) is a case to check, not a question
    "I'm worried about a family, not sure if it meets threshold",
    "concerned about a little boy at our nursery, unsure whether it meets the threshold",
]


@pytest.mark.parametrize("text", DOUBTS)
def test_the_practitioners_own_threshold_doubt_is_answered_as_a_question(kb, text):
    assert pq.threshold_doubt(text, "start_check", kb)
    assert pq.answered_instead(text, "start_check", kb)


@pytest.mark.parametrize("text", CHECKS)
def test_threshold_doubt_that_asks_for_the_check_or_tells_a_case_stays_a_check(kb, text):
    assert not pq.threshold_doubt(text, "start_check", kb)
    assert not pq.answered_instead(text, "start_check", kb)


def test_threshold_doubt_is_read_only_for_its_intents(kb):
    # mid-check "not sure" answers (unsure) are not moved
    assert not pq.threshold_doubt(DOUBTS[1], "unsure", kb)


# A claim to confirm asks about the claim (knowledge/language/questions.yml `truth_frames`, session 18):
# invented messages, each as the classifier might have read it.
TRUTH_QUESTIONS = [
    ("affirm", "is it true a family support worker can chair a TAF meeting"),
    ("affirm", "Am I right that the SDQ is scored out of 40?"),
    ("thank", "is it right that an early help plan gets reviewed every twelve weeks, thanks"),
    ("pause", "is it correct that I can stop a visit if the dog is loose and come back another day"),
    ("greet", "hi - is it true that health visitors do a check at two years old"),
]

TRUTH_KEPT = [
    ("affirm", "is it true"),  # no claim: a reply, not a question
    ("affirm", "am I right?"),
    ("affirm", "yes that's true, she was at school all week"),  # does not open with the frame
    ("immediate_danger", "is it true the toddler is alone in the flat right now"),  # never over danger
    ("start_check", "is it true I can use this to go through a family with you"),  # requests_of decides
    ("help", "is it true you can help me with my cases, what else is there"),
    ("bot_challenge", "is it true that there's no real person reading this"),
    ("out_of_scope", "is it true the trains are on strike on friday"),
]


@pytest.mark.parametrize("intent, text", TRUTH_QUESTIONS[:4])
def test_a_claim_to_confirm_read_as_a_short_answer_is_a_practice_question(intent, text):
    from rasa_ext.question_route import truth_frame_question

    assert truth_frame_question(text, intent)


@pytest.mark.parametrize("intent, text", TRUTH_KEPT)
def test_a_truth_frame_without_a_claim_or_of_another_intent_is_kept(intent, text):
    from rasa_ext.question_route import truth_frame_question

    assert not truth_frame_question(text, intent)


def test_the_greeting_before_a_claim_is_not_read_past(kb):
    # the frame must open the message: "hi - is it true ..." stays a greeting for the classifier to weigh
    from rasa_ext.question_route import truth_frame_question

    assert not truth_frame_question(TRUTH_QUESTIONS[4][1], "greet")


def test_the_component_routes_a_claim_to_confirm_to_faq_and_never_over_danger(kb):
    from rasa_ext.question_route import QuestionRoute

    component = QuestionRoute({})
    claim = _message(TRUTH_QUESTIONS[0][1], "affirm", 0.6)
    reply = _message("is it true", "affirm", 0.9)
    danger = _message("is it true he left the baby on her own tonight", "affirm", 0.5, danger_rule="alone")
    component.process([claim, reply, danger])
    assert claim.get("intent") == {"name": "faq", "confidence": 0.6}
    assert claim.get("question_route") == "affirm"
    for kept in (reply, danger):
        assert kept.get("intent")["name"] == "affirm" and kept.get("question_route") is None
