"""A message that is word for word a training example of one intent gets that intent
(rasa_ext/known_examples.py, issue 18 point 2), never over a command or the danger rules, and a
faq example only when the response selector chose its topic. The texts are invented here."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from rasa_ext.known_examples import KnownExample, key, labels_of

ROOT = Path(__file__).resolve().parents[2]

EXAMPLES = [
    ("ok", "affirm", None),
    ("ok bye", "goodbye", None),
    ("ta", "thank", None),
    ("nope", "deny", None),
    ("nope", "unsure", None),  # an example of two intents: left to the classifier
    ("what is a taf?", "faq", "faq/taf"),
]


def training() -> TrainingData:
    out = []
    for text, intent, response_key in EXAMPLES:
        data = {TEXT: text, INTENT: intent}
        if response_key:
            data[INTENT_RESPONSE_KEY] = response_key
        out.append(Message(data=data))
    return TrainingData(training_examples=out)


@pytest.fixture()
def component(tmp_path):
    storage = LocalModelStorage(tmp_path)
    resource = Resource("known")
    trained = KnownExample.create({}, storage, resource, None)
    trained.train(training())
    return KnownExample.load({}, storage, resource, None)


def parsed(text: str, intent: str, confidence: float, **extra) -> Message:
    m = Message(data={TEXT: text})
    m.set(INTENT, {"name": intent, "confidence": confidence})
    m.set(INTENT_RANKING_KEY, [{"name": intent, "confidence": confidence}, {"name": "affirm", "confidence": 0.3}])
    for k, v in extra.items():
        m.set(k, v)
    return m


def test_the_form_compared_ignores_case_spacing_and_a_closing_stop():
    assert key("  OK. ") == key("ok!") == key("Ok") == "ok"
    assert key("ok?") != key("ok")


def test_a_training_example_gets_its_intent_over_a_weak_guess(component):
    m = parsed("Ta!", "goodbye", 0.4)
    component.process([m])
    assert m.get(INTENT) == {"name": "thank", "confidence": 1.0}
    assert m.get(INTENT_RANKING_KEY)[0]["name"] == "thank"
    assert [r["name"] for r in m.get(INTENT_RANKING_KEY)].count("thank") == 1
    assert m.get("known_example") == "goodbye"
    m = parsed("ok", "affirm", 0.37)
    component.process([m])
    assert m.get(INTENT)["name"] == "affirm" and m.get(INTENT)["confidence"] == 1.0


def test_anything_else_is_left_to_the_classifier(component):
    for m in (
        parsed("ok then", "affirm", 0.4),  # not an example word for word
        parsed("nope", "deny", 0.4),  # an example of two intents
        parsed("ok", "menu", 0.4, command_rule="menu"),  # a command read by rule
        parsed("ok", "immediate_danger", 0.9, danger_rule="alone"),  # the danger rules come first
        parsed("/affirm", "affirm", 0.4),  # a button's payload
    ):
        before = (dict(m.get(INTENT)), list(m.get(INTENT_RANKING_KEY)))
        component.process([m])
        assert (m.get(INTENT), m.get(INTENT_RANKING_KEY)) == before, m.get(TEXT)
        assert m.get("known_example") is None


def test_a_faq_example_counts_only_when_the_selector_chose_its_topic(component):
    chose = {"faq": {"response": {"intent_response_key": "faq/taf"}}}
    m = parsed("What is a TAF?", "nlu_fallback", 0.45, response_selector=chose)
    component.process([m])
    assert m.get(INTENT) == {"name": "faq", "confidence": 1.0}
    other = {"faq": {"response": {"intent_response_key": "faq/mash"}}}
    m = parsed("What is a TAF?", "start_check", 0.4, response_selector=other)
    component.process([m])
    assert m.get(INTENT)["name"] == "start_check"


def test_nothing_persisted_changes_nothing(tmp_path):
    component = KnownExample.load({}, LocalModelStorage(tmp_path), Resource("none"), None)
    m = parsed("ok", "goodbye", 0.4)
    component.process([m])
    assert m.get(INTENT)["name"] == "goodbye"


def test_the_project_data_holds_the_short_examples_the_classifier_missed():
    from rasa.shared.nlu.training_data.loading import load_data

    labels = labels_of(load_data(str(ROOT / "data" / "nlu")))
    assert labels.get("ok") == "affirm" and labels.get("ta") == "thank"
    assert len(labels) > 5000
