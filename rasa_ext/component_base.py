"""The common part of this project's rule-based NLU components (rasa_ext/commands.py,
rasa_ext/entities.py, rasa_ext/danger.py): nothing to train and nothing to store, made from
their config alone, and they read only what a person typed, never a button payload
("/resume{...}") or an empty message.

A subclass registers itself with DefaultV1Recipe (the decorator is not inherited) and writes
`process_text(message, text)`, called for each typed message in turn.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData


def typed_text(message: Message) -> str | None:
    """The message's text when a person typed it: None for an empty one or a payload."""
    text = message.get(TEXT)
    if not text or text.startswith("/"):
        return None
    return text


class RuleComponent(GraphComponent):
    def __init__(self, config: dict[str, Any] | None = None) -> None:
        self.config = dict(config or {})

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> RuleComponent:
        return cls(config)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = typed_text(message)
            if text is not None:
                self.process_text(message, text)
        return messages

    def process_text(self, message: Message, text: str) -> None:
        raise NotImplementedError

    def process_training_data(self, training_data: TrainingData) -> TrainingData:  # nothing to learn
        return training_data
