"""Practice questions the classifier reads as out_of_scope get the honest fallback (issue 18, point 3):
bot/knowledge/practice_question.py, actions/answers.py (out_of_scope_decision, ActionOutOfScope),
knowledge/language/coverage.yml `practice_question`. Small talk and other work tasks keep
utter_out_of_scope. The messages here are invented for this test."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml

from actions import answers as action
from bot.knowledge import practice_question as pq
from bot.knowledge.errors import KnowledgeError

ROOT = Path(__file__).resolve().parents[2]
NOT_COVERED = "The documents I hold don't cover"

PRACTICE = [
    "what happens if a 14 yr old is caught shoplifting, does the social worker go to the police station?",
    "is there a grant for a family to replace a broken washing machine",
    "can a foster carer take the kids abroad on holiday without asking anyone?",
    "nursery says a toddler keeps turning up in wet clothes, what's the threshold for a referral",
    "my dsl is off sick, who signs off a safeguarding referral from school?",
    "year 9 lad working cash in hand at a car wash after school, is that allowed",
    "a parent with learning difficulties wants an advocate at the conference, who provides one?",
]

NOT_PRACTICE = [
    "what's the weather doing this afternoon?",
    "how do I claim mileage for last month",
    "book a room for the team meeting on friday",
    "can you write my court statement for me?",
    "could you fill in the expenses for my home visits this week?",
    "is there parking at the family hub?",
    "where's the nearest cash machine?",
    "tell me a joke about social workers",
    "can you do my timesheet please",
    "who won the rugby?",
    "my own kids are off school with a bug, how do I book emergency leave?",
]


@pytest.mark.parametrize("text", PRACTICE)
def test_practice_questions_read_as_practice_questions(kb, text):
    assert pq.is_practice_question(text, kb)


@pytest.mark.parametrize("text", NOT_PRACTICE)
def test_small_talk_and_work_tasks_do_not(kb, text):
    assert not pq.is_practice_question(text, kb)


def test_the_three_parts_of_the_decision(kb):
    # a question form is needed: a statement naming a child is not a question
    assert pq.names_practice("the child was at nursery today", kb)
    assert not pq.reads_as_a_question("the child was at nursery today", kb)
    # a question clause anywhere, a "?" anywhere, or the whole message opening like a question
    assert pq.reads_as_a_question("mum lost her job last month, is there any help with nursery fees", kb)
    assert pq.reads_as_a_question("dad asked about the plan? he wasn't sure", kb)
    assert pq.reads_as_a_question("new baby and no cot, whats the best charity for that", kb)
    # a child's age counts as practice; weeks and months (leave, notice) do not
    assert pq.names_practice("does a 15 year old need consent", kb)
    assert pq.names_practice("what support is there for year 7s", kb)
    assert not pq.names_practice("is my notice period 4 weeks", kb)
    # asking the assistant to do a piece of work; "do" counts only after an opener
    assert pq.asks_for_a_task("can you help me write the referral for the family", kb)
    assert pq.asks_for_a_task("please could you ring the family for me", kb)
    assert not pq.asks_for_a_task("do parents have to agree to an early help assessment", kb)
    assert not pq.asks_for_a_task("how do I write a referral that gets read", kb)


def test_words_match_whole_words(kb):
    assert pq.names_practice("what do the children's services say", kb)
    assert not pq.names_practice("what's on at the schoolyard cinema", kb)  # part of a word is not the word
    assert not pq.names_practice("can I order a pizza", kb)


def _tracker(text: str, ranking: list[dict] | None = None):
    from rasa_sdk import Tracker

    ranking = ranking or []
    latest = {
        "text": text,
        "intent": {"name": "out_of_scope", "confidence": 0.9},
        "response_selector": {
            "faq": {"response": (ranking[0] if ranking else {}), "ranking": ranking},
        },
    }
    return Tracker("fixture-user", {}, latest, [], False, None, {}, "action_listen")


def test_the_action_gives_small_talk_the_domain_response():
    from rasa_sdk.executor import CollectingDispatcher

    d = CollectingDispatcher()
    assert action.ActionOutOfScope().run(d, _tracker("can you book me a meeting room for tuesday"), {}) == []
    assert [m.get("response") for m in d.messages] == ["utter_out_of_scope"]


def test_the_action_gives_a_practice_question_the_honest_fallback(kb):
    from rasa_sdk.executor import CollectingDispatcher

    ranking = [
        {"intent_response_key": "faq/early_help", "confidence": 0.6, "score": -0.9},
        {"intent_response_key": "faq/poverty", "confidence": 0.3, "score": -1.1},
    ]
    d = CollectingDispatcher()
    action.ActionOutOfScope().run(d, _tracker(PRACTICE[1], ranking), {})
    assert len(d.messages) == 1
    text = d.messages[0]["text"]
    assert text.startswith(NOT_COVERED) and "Source:" not in text
    assert "safeguarding lead" in text  # who to ask
    assert d.messages[0]["buttons"]  # the nearest topics
    assert d.messages[0].get("response") is None


def test_the_fallback_names_an_uncovered_subject(kb):
    text = "a pupil might be taken abroad for a forced marriage, what's the process?"
    found = action.out_of_scope_decision(text, kb, [])
    assert found is not None and found.kind == "not_covered"
    assert found.reply.text.startswith(f"{NOT_COVERED} forced marriage")
    assert action.out_of_scope_decision("what's the capital of peru?", kb, []) is None


def test_the_out_of_scope_rule_calls_the_action_and_the_domain_keeps_the_response():
    rules = yaml.safe_load((ROOT / "data" / "rules" / "basics.yml").read_text())["rules"]
    steps = next(r["steps"] for r in rules if {"intent": "out_of_scope"} in r["steps"])
    assert steps == [{"intent": "out_of_scope"}, {"action": "action_out_of_scope"}]
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    assert "action_out_of_scope" in domain["actions"]
    assert "not something I can help with" in domain["responses"]["utter_out_of_scope"][0]["text"]


def test_a_broken_practice_question_entry_is_named(kb):
    raw = {
        **kb.extra[pq.COVERAGE],
        "practice_question": {"words": [], "child_age": "(", "request_openers": ["can you"], "task_verbs": "write"},
    }
    broken = dataclasses.replace(kb, extra={**kb.extra, pq.COVERAGE: raw})
    with pytest.raises(KnowledgeError) as exc:
        pq.rules(broken)
    problems = " ".join(exc.value.problems)
    for part in ("words", "child_age", "task_verbs", "task_verbs_after_an_opener", "not_practice", "question_openers"):
        assert f"practice_question.{part}" in problems


def test_the_answers_evaluation_scores_out_of_scope_through_the_same_decision(kb):
    import importlib.util

    spec = importlib.util.spec_from_file_location("eval_answers_ui2", ROOT / "scripts" / "eval_answers.py")
    evaluation = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(evaluation)

    def parse(text):
        return {"text": text, "intent": {"name": "out_of_scope", "confidence": 0.9}, "response_selector": {}}

    assert evaluation.outcome(parse(PRACTICE[0]), kb) == ("not_covered", None)
    assert evaluation.outcome(parse(NOT_PRACTICE[0]), kb) == ("other:out_of_scope", None)
