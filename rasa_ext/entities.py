"""Rule-based entity extractor: ages, durations and neglect types (bot/lang/entities.py)."""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES
from rasa.shared.nlu.training_data.message import Message

import rasa_ext.workarounds  # noqa: F401  checks the Rasa version when the pipeline loads
from rasa_ext.component_base import RuleComponent


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class RuleEntityExtractor(RuleComponent):
    def process_text(self, message: Message, text: str) -> None:
        from bot.knowledge.loader import get_kb
        from bot.lang.entities import find_entities

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
