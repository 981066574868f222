"""The immediate-danger policy (bot.lang.danger_policy.decide_danger) as an NLU component.

It runs after the intent classifier and before the fallback classifier, and reads each
message with the rules in bot/lang/danger.py (patterns in knowledge/language/danger.yml):

- the rules find a child in immediate danger: the intent becomes `immediate_danger`
  whatever the classifier thought, so the 999 answer never depends on the classifier's
  confidence (`danger_rule` in the parse data says which signal);
- the rules find a danger signal but its context cancels it (asked as a question, a
  hypothetical, negated, talked about in general, in the past, a pattern over time, a
  phrase of practice such as "child seen alone"), and the classifier's top intent is
  `immediate_danger`: that intent goes to the bottom of the ranking, so the message goes
  to the intent that came second, or to the fallback classifier when that one is not
  confident (hazard H2, false alarms; `danger_lowered` in the parse data says why);
- the rules find no signal at all: the classifier's `immediate_danger` stands (it is the
  safety net for phrasings the rules do not know) unless the whole message is framed as
  something else (a question, a hypothetical or exercise, the past, a pattern over time, a
  request to think a case through) with no immediacy word ("now", "tonight") in it; then
  it is lowered in the same way.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

from rasa_ext.component_base import RuleComponent

DANGER_INTENT = "immediate_danger"
OTHERS_CAP = 0.5


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class DangerDetector(RuleComponent):
    def process_text(self, message: Message, text: str) -> None:
        from bot.lang.danger_policy import decide_danger  # spaCy is loaded on first use, not at import

        intent = message.get(INTENT) or {}
        found = decide_danger(text, intent.get("name"), float(intent.get("confidence") or 0.0))
        if found.by not in ("rules", "learned"):  # the rules, or the learned reading where they heard nothing
            if found.overruled:
                lower_danger(message, found.reason)
            return
        intent = {"name": DANGER_INTENT, "confidence": 1.0}
        # the rest of the ranking is capped well below 1.0, so that the fallback
        # classifier's ambiguity check (top two within 0.1) can never undo this
        ranking = [
            dict(r, confidence=min(float(r.get("confidence") or 0.0), OTHERS_CAP))
            for r in (message.get(INTENT_RANKING_KEY) or [])
            if r.get("name") != DANGER_INTENT
        ]
        message.set(INTENT, intent, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [intent] + ranking, add_to_output=True)
        message.set("danger_rule", found.reason, add_to_output=True)


def lower_danger(message: Message, reason: str) -> bool:
    """When the classifier's top intent is `immediate_danger`, moves it to the bottom of the
    ranking (below every other intent, at half the lowest confidence) and makes the next
    intent the message's intent, with its own confidence: nothing else is raised, so a
    weak second intent still goes to the fallback classifier. True when it lowered."""
    intent = message.get(INTENT) or {}
    if intent.get("name") != DANGER_INTENT:
        return False
    ranking = [dict(r) for r in (message.get(INTENT_RANKING_KEY) or [])]
    danger = next((r for r in ranking if r.get("name") == DANGER_INTENT), dict(intent))
    others = [r for r in ranking if r.get("name") != DANGER_INTENT]
    if not others:
        return False  # nothing to go to: leave the classifier's answer
    lowest = min(float(r.get("confidence") or 0.0) for r in others)
    classifier_confidence = float(danger.get("confidence") or 0.0)
    danger["confidence"] = lowest / 2
    message.set(
        INTENT, {"name": others[0]["name"], "confidence": float(others[0].get("confidence") or 0.0)}, add_to_output=True
    )
    message.set(INTENT_RANKING_KEY, others + [danger], add_to_output=True)
    message.set(
        "danger_lowered", {"reason": reason, "classifier_confidence": classifier_confidence}, add_to_output=True
    )
    return True
