"""A short message one typing slip from a training example of one intent, that the classifier gave
less than the fallback's threshold, gets that intent (rasa_ext/known_examples.py, session 9); never a
faq topic, never when the nearest examples are of two intents, never over a confident classifier, a
command or the danger rules. The texts are invented here."""

from __future__ import annotations

import pytest
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from rasa_ext.known_examples import DEFAULTS, KnownExample, near_form, near_label, near_labels_of, slips

EXAMPLES = [
    ("yes", "affirm", None),
    ("yes please", "affirm", None),
    ("menu", "menu", None),
    ("pause", "pause", None),
    ("pass", "skip", None),
    ("supervisor overview", "supervisor_overview", None),
    ("what is pams?", "faq", "faq/pams"),
    ("show my cases", "my_cases", None),
    ("show my case", "case_summary", None),
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
    resource = Resource("near")
    KnownExample.create({}, storage, resource, None).train(training())
    return KnownExample.load(dict(DEFAULTS), storage, resource, None)


def parsed(text: str, intent: str, confidence: float, **extra) -> Message:
    m = Message(data={TEXT: text})
    m.set(INTENT, {"name": intent, "confidence": confidence})
    m.set(INTENT_RANKING_KEY, [{"name": intent, "confidence": confidence}])
    for k, v in extra.items():
        m.set(k, v)
    return m


def test_slips_count_letters_added_dropped_changed_and_swapped():
    assert slips("yse", "yes") == 1
    assert slips("manu", "menu") == 1
    assert slips("mneu", "menu") == 1
    assert slips("supervisr overveiw", "supervisor overview") == 2
    assert slips("pause", "pass") == 2
    assert near_form("Yes, please!") == "yes please" and near_form("don't") == "dont"


def test_a_slip_of_one_intents_example_gets_that_intent(component):
    for text, want in (
        ("yse", "affirm"),
        ("Yes pleasee", "affirm"),
        ("manu", "menu"),
        ("supervisr overveiw", "supervisor_overview"),
    ):
        m = parsed(text, "greet", 0.3)
        component.process([m])
        assert m.get(INTENT) == {"name": want, "confidence": 1.0}, text
        assert m.get(INTENT_RANKING_KEY)[0]["name"] == want
        assert m.get("near_example") == "greet"


def test_anything_else_is_left_to_the_classifier(component):
    for m in (
        parsed("yse", "deny", 0.6),  # the classifier is sure enough: no fallback to save
        parsed("pase", "greet", 0.3),  # as near pause (pause) as pass (skip): two intents
        parsed("whta is pams", "greet", 0.3),  # a faq example: the topic is the selector's
        parsed("show my casez", "greet", 0.3),  # one slip from examples of two intents
        parsed("yse", "menu", 0.3, command_rule="menu"),  # a command read by rule
        parsed("yse", "greet", 0.3, danger_rule="alone"),  # the danger rules come first
        parsed("ys", "greet", 0.3),  # too short to read a slip in
        parsed("nenu", "greet", 0.3),  # a slip in the first letter
        parsed("yes please i would like that very much", "greet", 0.3),  # too long
        parsed("mangos", "greet", 0.3),  # nothing near
    ):
        before = dict(m.get(INTENT))
        component.process([m])
        assert m.get(INTENT) == before, m.get(TEXT)
        assert m.get("near_example") is None


def test_near_label_reads_the_examples_as_trained():
    near = near_labels_of(training())
    assert near["yes please"] == ["affirm"] and near["what is pams"] == ["faq/pams"]
    assert near_label("yess", near, DEFAULTS) == "affirm"
    assert near_label("what is pamz", near, DEFAULTS) is None
