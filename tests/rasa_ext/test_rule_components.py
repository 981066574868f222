"""The shared base of the rule-based NLU components (rasa_ext/component_base.py): made from
their config by Rasa's create(), they learn nothing, and they read only typed text, never a
button payload or an empty message; the entity extractor on it (rasa_ext/entities.py)."""

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from rasa_ext.commands import CommandDetector
from rasa_ext.component_base import RuleComponent, typed_text
from rasa_ext.danger import DangerDetector
from rasa_ext.entities import RuleEntityExtractor


def test_typed_text_skips_payloads_and_empty_messages():
    assert typed_text(Message(data={"text": "my cases"})) == "my cases"
    assert typed_text(Message(data={"text": '/resume{"case_ref": "ABC-12"}'})) is None
    assert typed_text(Message(data={"text": ""})) is None
    assert typed_text(Message(data={})) is None


def test_create_keeps_the_config_and_training_data_passes_through(tmp_path):
    context = ExecutionContext(GraphSchema({}), "test")
    for cls in (CommandDetector, DangerDetector, RuleEntityExtractor):
        component = cls.create({"note": 1}, LocalModelStorage(tmp_path), Resource("x"), context)
        assert isinstance(component, RuleComponent)
        assert component.config == {"note": 1}
        data = TrainingData([Message(data={"text": "hello", "intent": "greet"})])
        assert component.process_training_data(data) is data


def test_a_payload_is_never_read_for_danger():
    # words that are danger when typed ("the baby is not breathing", below) are not read in a payload
    m = Message(
        data={"text": '/resume{"note": "the baby is not breathing"}', "intent": {"name": "resume", "confidence": 1.0}}
    )
    DangerDetector().process([m])
    assert m.get("intent")["name"] == "resume"
    assert m.get("danger_rule") is None
    typed = Message(data={"text": "the baby is not breathing", "intent": {"name": "greet", "confidence": 0.9}})
    DangerDetector().process([typed])
    assert typed.get("intent")["name"] == "immediate_danger"


def test_entities_are_added_to_what_was_there():
    m = Message(data={"text": "dirty clothes for about 6 months"})
    m.set("entities", [{"entity": "other", "start": 0, "end": 5, "value": "dirty"}])
    RuleEntityExtractor().process([m])
    entities = m.get("entities")
    assert entities[0]["entity"] == "other"
    duration = [e for e in entities if e["entity"] == "duration"]
    assert len(duration) == 1
    assert duration[0]["extractor"] == "RuleEntityExtractor"
    assert m.get("text")[duration[0]["start"] : duration[0]["end"]] == "for about 6 months"


def test_a_payload_is_not_read_for_entities_or_commands():
    payload = '/resume{"case_ref": "ABC-12"}'
    m = Message(data={"text": payload})
    RuleEntityExtractor().process([m])
    CommandDetector().process([m])
    assert m.get("entities") is None
    assert m.get("command_rule") is None
