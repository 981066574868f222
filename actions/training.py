"""Training mode (issue 6). Practice scenarios are not available yet; this says so plainly."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import send
from bot.menu import training_unavailable_reply


class ActionStartTraining(Action):
    def name(self) -> str:
        return "action_start_training"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        send(dispatcher, [training_unavailable_reply()])
        return []


class ActionTrainingProgress(Action):
    def name(self) -> str:
        return "action_training_progress"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        send(dispatcher, [training_unavailable_reply()])
        return []
