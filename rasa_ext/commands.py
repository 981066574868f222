"""The shared commands (bot.walks.commands.read, words in knowledge/language/commands.yml) as an
NLU component, so that a command typed at the top level is understood the same way as
inside a walk (issue 24).

It runs after the intent classifier and the ResponseSelector, and before the danger
component and the fallback classifier. When the rule layer reads the whole message as a
command that has an NLU intent (bot.walks.commands.INTENT_OF: 'start again' has none), the intent
becomes that command's intent with confidence 1.0 and the rest of the ranking is capped
well below it, so the fallback classifier's ambiguity check cannot undo it. For 'resume'
with a case reference, the reference is added as a `case_ref` entity, as the button payload
/resume{"case_ref": "ABC-12"} gives it (actions.records.case_reference reads it first).
`command_rule` in the parse data names the command.

A message no command reads that is wholly one of commands.yml's `top_level` forms (thanks, goodbye,
"is this a bot", "can I ask something", a supervisor's team view, "test me on ...": session 21)
gets that intent in the same way (bot.walks.command_top_level.read_top_level); `command_rule` names it.
These run here only: inside a walk the same words stay answers (decide() never reads them).

It never overrides the classifier's `immediate_danger`, and the danger component after it
can still turn any message into `immediate_danger`.
"""

from __future__ import annotations

import re

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from rasa_ext.component_base import RuleComponent

DANGER_INTENT = "immediate_danger"
REF_ENTITY = "case_ref"
OTHERS_CAP = 0.5


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class CommandDetector(RuleComponent):
    def process_text(self, message: Message, text: str) -> None:
        from bot.walks.command_top_level import read_top_level
        from bot.walks.commands import INTENT_OF, read  # spaCy is loaded on first use

        if (message.get(INTENT) or {}).get("name") == DANGER_INTENT:
            return
        cmd = read(text)
        if cmd is not None and cmd.name in INTENT_OF:
            set_command(message, INTENT_OF[cmd.name], cmd.name, cmd.ref)
        elif cmd is None:
            # a courtesy, a question about the assistant, an ask to ask, a team view or a request to be
            # tested, wholly (commands.yml `top_level`): at the top level only, never inside a walk
            name = read_top_level(text)
            if name:
                set_command(message, name, name, None)


def set_command(message: Message, intent_name: str, command: str, ref: str | None) -> None:
    intent = {"name": intent_name, "confidence": 1.0}
    ranking = [
        dict(r, confidence=min(float(r.get("confidence") or 0.0), OTHERS_CAP))
        for r in (message.get(INTENT_RANKING_KEY) or [])
        if r.get("name") != intent_name
    ]
    message.set(INTENT, intent, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [intent] + ranking, add_to_output=True)
    message.set("command_rule", command, add_to_output=True)
    if ref:
        text = message.get(TEXT) or ""
        start, end = ref_span(text, ref)
        entities = [e for e in (message.get(ENTITIES) or []) if e.get("entity") != REF_ENTITY]
        entities.append(
            {
                "entity": REF_ENTITY,
                "value": ref,
                "start": start,
                "end": end,
                "confidence": 1.0,
                "extractor": "CommandDetector",
            }
        )
        message.set(ENTITIES, entities, add_to_output=True)


def ref_span(text: str, ref: str) -> tuple[int, int]:
    """Where the reference stands in the words as typed ('abc - 12' for ABC-12): its last
    spelling, in any case and with spaces around its separators; the whole text if not found."""
    pattern = "".join(rf"\s*{re.escape(ch)}\s*" if not ch.isalnum() else re.escape(ch) for ch in ref)
    found = list(re.finditer(rf"(?<![A-Za-z0-9]){pattern}(?![A-Za-z0-9])", text, re.I))
    if not found:
        return 0, len(text)
    return found[-1].start(), found[-1].end()
