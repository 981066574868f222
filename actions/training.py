"""Training mode: start a practice attempt, and show a trainee's progress. The scenario
itself is bot.walks.training.TrainingService, asked and answered through walk_form
(actions/walk.py)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import identity, latest_text, send
from actions.walk import begin
from bot.walks.training import TrainingService


class ActionStartTraining(Action):
    def name(self) -> str:
        return "action_start_training"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        attempt_id, replies = TrainingService().start(*identity(tracker), latest_text(tracker))
        send(dispatcher, replies)
        return begin(dispatcher, "training", attempt_id)  # with its first question


class ActionTrainingProgress(Action):
    def name(self) -> str:
        return "action_training_progress"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        send(dispatcher, TrainingService().progress(*identity(tracker)))
        return []
