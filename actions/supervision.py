"""Starting reflective supervision. The session itself is bot.walks.supervision.SupervisionService,
asked and answered through walk_form (actions/walk.py)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import identity, latest_text, send
from actions.walk import begin
from bot.walks.supervision import SupervisionService


class ActionStartSupervision(Action):
    def name(self) -> str:
        return "action_start_supervision"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        session_id, replies = SupervisionService().start(*identity(tracker), latest_text(tracker))
        send(dispatcher, replies)
        return begin(dispatcher, "supervision", session_id)  # with its first question
