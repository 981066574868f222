"""The rule layer of the immediate-danger detector, as an NLU component.

It runs after the intent classifier and before the fallback classifier. When the rules in
bot/language.py (patterns in knowledge/language/danger.yml) find a child in immediate
danger, the intent becomes `immediate_danger` whatever the classifier thought, so the
999 answer never depends on the classifier's confidence.
"""
from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

DANGER_INTENT = "immediate_danger"
OTHERS_CAP = 0.5


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class DangerDetector(GraphComponent):
    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "DangerDetector":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        from bot.language import detect_danger  # spaCy is loaded on first use, not at import

        for message in messages:
            text = message.get(TEXT)
            if not text or text.startswith("/"):
                continue
            found = detect_danger(text)
            if not found.immediate:
                continue
            intent = {"name": DANGER_INTENT, "confidence": 1.0}
            # the rest of the ranking is capped well below 1.0, so that the fallback
            # classifier's ambiguity check (top two within 0.1) can never undo this
            ranking = [dict(r, confidence=min(float(r.get("confidence") or 0.0), OTHERS_CAP))
                       for r in (message.get(INTENT_RANKING_KEY) or []) if r.get("name") != DANGER_INTENT]
            message.set(INTENT, intent, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [intent] + ranking, add_to_output=True)
            message.set("danger_rule", found.reason, add_to_output=True)
        return messages

    def process_training_data(self, training_data):  # nothing to learn
        return training_data
