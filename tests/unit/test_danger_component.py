"""The danger-rule NLU component overrides the classifier, and the fallback classifier after it
cannot undo that (a tie at the top of the ranking once turned 999 into a clarifying question)."""
from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier
from rasa.shared.nlu.training_data.message import Message

from rasa_ext.danger import DangerDetector


def message(text: str, ranking: list[tuple[str, float]]) -> Message:
    m = Message(data={"text": text})
    m.set("intent", {"name": ranking[0][0], "confidence": ranking[0][1]})
    m.set("intent_ranking", [{"name": n, "confidence": c} for n, c in ranking])
    return m


def run(m: Message) -> Message:
    DangerDetector().process([m])
    FallbackClassifier({"threshold": 0.45, "ambiguity_threshold": 0.1}).process([m])
    return m


def test_rule_danger_survives_a_confident_other_intent():
    m = run(message("parent collapsed with the children there", [("faq", 1.0), ("greet", 0.0)]))
    assert m.get("intent")["name"] == "immediate_danger"
    assert m.get("danger_rule")


def test_no_danger_leaves_the_classifier_alone():
    m = run(message("what is drift", [("faq", 0.98), ("greet", 0.01)]))
    assert m.get("intent")["name"] == "faq"
