"""Rule-based entity extractor: ages, durations and neglect types (bot/lang/entities.py)."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

import rasa_ext.workarounds  # noqa: F401  checks the Rasa version when the pipeline loads


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class RuleEntityExtractor(GraphComponent):
    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> RuleEntityExtractor:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        from bot.knowledge.loader import get_kb
        from bot.lang.entities import find_entities

        for message in messages:
            text = message.get(TEXT)
            if not text or text.startswith("/"):
                continue
            extracted = [
                {
                    "entity": e.entity,
                    "start": e.start,
                    "end": e.end,
                    "value": e.value,
                    "extractor": "RuleEntityExtractor",
                    "confidence_entity": 1.0,
                }
                for e in find_entities(text, get_kb())
            ]
            if extracted:
                message.set(ENTITIES, (message.get(ENTITIES) or []) + extracted, add_to_output=True)
        return messages

    def process_training_data(self, training_data):
        return training_data
