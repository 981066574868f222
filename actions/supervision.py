"""Reflective supervision (issue 5). Until the guided session exists, it offers the
guidance's own self-reflection questions from knowledge/practice.yml, with their source."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import send
from bot.knowledge import get_kb
from bot.menu import supervision_questions_reply


class ActionStartSupervision(Action):
    def name(self) -> str:
        return "action_start_supervision"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        send(dispatcher, [supervision_questions_reply(get_kb())])
        return []
