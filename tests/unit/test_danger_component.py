"""The danger-rule NLU component overrides the classifier, and the fallback classifier after it
cannot undo that (a tie at the top of the ranking once turned 999 into a clarifying question).
When the rules hear danger but rule it out (a question, the past, a negation ...), a classifier
`immediate_danger` is lowered (hazard H2); when the rules hear nothing, it stands only when the
message is not framed as something else and a word of harm stands in it (issue 18: one policy,
bot.lang.danger_policy.decide_danger)."""

from pathlib import Path

import pytest
import yaml
from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier
from rasa.shared.nlu.training_data.message import Message

from rasa_ext.danger import DangerDetector

DATA = Path(__file__).resolve().parents[1] / "data"


def message(text: str, ranking: list[tuple[str, float]]) -> Message:
    m = Message(data={"text": text})
    m.set("intent", {"name": ranking[0][0], "confidence": ranking[0][1]})
    m.set("intent_ranking", [{"name": n, "confidence": c} for n, c in ranking])
    return m


def run(m: Message) -> Message:
    DangerDetector().process([m])
    FallbackClassifier(
        {
            k: c[k]
            for c in yaml.safe_load((DATA.parents[1] / "config.yml").read_text())["pipeline"]
            if c["name"] == "FallbackClassifier"
            for k in ("threshold", "ambiguity_threshold")
        }
    ).process([m])  # noqa: E501
    return m


def intent(m: Message) -> str:
    return m.get("intent")["name"]


def test_rule_danger_survives_a_confident_other_intent():
    m = run(message("parent collapsed with the children there", [("faq", 1.0), ("greet", 0.0)]))
    assert intent(m) == "immediate_danger"
    assert m.get("danger_rule")


def test_no_danger_leaves_the_classifier_alone():
    m = run(message("what is drift", [("faq", 0.98), ("greet", 0.01)]))
    assert intent(m) == "faq"


def test_a_cancelled_signal_lowers_the_classifiers_danger_to_the_fallback():
    # the rules hear "left alone" but as a question; the classifier is sure it is danger
    m = run(
        message(
            "is it immediate danger if a 14 year old is left alone for an evening?",
            [("immediate_danger", 0.93), ("ask_question", 0.05), ("faq", 0.02)],
        )
    )
    assert intent(m) == "nlu_fallback"  # the second intent is too weak to stand on its own
    ranking = m.get("intent_ranking")
    assert [r["name"] for r in ranking][-1] == "immediate_danger"
    assert ranking[-1]["confidence"] < min(r["confidence"] for r in ranking[:-1])
    assert "question" in m.get("danger_lowered")["reason"]
    assert m.get("danger_lowered")["classifier_confidence"] == 0.93
    assert not m.get("danger_rule")


def test_a_cancelled_signal_goes_to_the_second_intent_when_it_is_confident():
    m = run(
        message(
            "the chronology shows he was locked out twice in 2023",
            [("immediate_danger", 0.48), ("ask_question", 0.46), ("faq", 0.02)],
        )
    )
    assert intent(m) == "ask_question"
    assert m.get("intent")["confidence"] == 0.46  # not raised


def test_no_signal_at_all_keeps_the_classifiers_danger():
    # the rules know nothing about this phrasing: the classifier is the safety net
    for text in ("toddler got into the bleach and has drunk some", "mum is psychotic and says the baby is the devil"):
        m = run(message(text, [("immediate_danger", 0.9), ("faq", 0.05), ("greet", 0.05)]))
        assert intent(m) == "immediate_danger", text
        assert not m.get("danger_lowered")


def test_the_classifier_alone_is_lowered_for_a_request_to_think_a_case_through():
    # issue 18: a case told in full, asking to go through it, is not an emergency
    text = (
        "Family support worker. Visited today, kitchen had no food and dog mess on the floor, 2 kids under 5. "
        "Can we go through it?"
    )
    m = run(message(text, [("immediate_danger", 0.91), ("start_check", 0.07), ("faq", 0.02)]))
    assert intent(m) != "immediate_danger"
    assert "think the case through" in m.get("danger_lowered")["reason"]
    assert not m.get("danger_rule")


def test_the_classifier_alone_is_lowered_without_a_word_of_harm():
    m = run(
        message(
            "I want to reflect on why this case isn't moving forward",
            [("immediate_danger", 0.88), ("start_supervision", 0.1), ("faq", 0.02)],
        )
    )
    assert intent(m) != "immediate_danger"
    assert m.get("danger_lowered")


def test_the_classifier_alone_stands_with_a_word_of_harm_and_no_other_frame():
    m = run(
        message(
            "the family have gone quiet and I've a horrible feeling the baby is hurt",
            [("immediate_danger", 0.9), ("faq", 0.05), ("greet", 0.05)],
        )
    )
    assert intent(m) == "immediate_danger"
    assert not m.get("danger_lowered") and not m.get("danger_rule")


def test_a_cancelled_signal_leaves_other_intents_alone():
    ranking = [("faq", 0.9), ("immediate_danger", 0.06), ("greet", 0.04)]
    m = run(message("what counts as immediate danger?", ranking))
    assert intent(m) == "faq"
    assert [(r["name"], r["confidence"]) for r in m.get("intent_ranking")] == ranking
    assert not m.get("danger_lowered")


def test_a_ranking_of_danger_alone_is_not_emptied():
    m = run(message("what counts as immediate danger?", [("immediate_danger", 0.99)]))
    assert intent(m) == "immediate_danger"


def _labelled_danger() -> list[str]:
    examples = yaml.safe_load((DATA / "danger_phrases.yml").read_text())["examples"]
    return [e["text"] for e in examples if e["label"] == "danger"]


@pytest.mark.parametrize("text", _labelled_danger())
def test_lowering_never_touches_a_labelled_danger_phrasing(text):
    # whatever the classifier says, a phrasing of the labelled set ends as immediate danger
    for ranking in ([("immediate_danger", 0.95), ("faq", 0.05)], [("faq", 0.95), ("immediate_danger", 0.05)]):
        m = run(message(text, ranking))
        assert intent(m) == "immediate_danger", (text, ranking)
        assert not m.get("danger_lowered")
