"""Starting the guided check, and resuming a paused check or supervision session. The walk
itself is bot.walks.check.CheckService, asked and answered through walk_form (actions/walk.py)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import identity, send
from actions.records import case_reference
from actions.walk import begin
from bot.knowledge.texts import say
from bot.walks.check import CheckService
from bot.walks.supervision import SupervisionService


class ActionCheckStart(Action):
    def name(self) -> str:
        return "action_check_start"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        check_id, replies = CheckService().start(*identity(tracker), account=opening_account(tracker))
        send(dispatcher, replies)
        return begin(dispatcher, "check", check_id)  # with its first question


def opening_account(tracker: Tracker) -> str | None:
    """The case as the practitioner told it, when the check starts from it (issue 19): the
    message itself, or the description just before a 'Start a check' button."""
    from bot.knowledge.answers import is_case_description
    from bot.knowledge.loader import get_kb

    kb = get_kb()
    texts = [str(e.get("text") or "") for e in tracker.events if e.get("event") == "user"]
    latest = tracker.latest_message.get("text") or (texts[-1] if texts else "")
    if latest and not latest.startswith("/"):
        return latest if is_case_description(latest, kb) or _tells_the_check(latest) else None
    before = texts[-2] if len(texts) >= 2 else ""
    return before if before and not before.startswith("/") and is_case_description(before, kb) else None


def _tells_the_check(text: str) -> bool:
    """Whether a message that starts a check already tells something it asks ("neglect check on a
    6 yr old please": the age), so that it is not asked again (S20-UX3)."""
    from bot.lang.account import read_account
    from bot.walks.check import default_plan

    return bool(read_account(text, default_plan()).items)


class ActionResume(Action):
    def name(self) -> str:
        return "action_resume"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        ref = case_reference(tracker)  # in the words, an entity or a button's payload
        if ref is None:
            dispatcher.utter_message(text=say("actions.which_case_to_resume"))
            return []
        who = identity(tracker)
        check_id, replies = CheckService().resume(*who, ref)
        if check_id is not None:
            send(dispatcher, replies)
            return begin(dispatcher, "check", check_id) + [FollowupAction("walk_form")]
        session_id, session_replies = SupervisionService().resume(*who, ref)
        if session_id is not None:
            send(dispatcher, session_replies)
            return begin(dispatcher, "supervision", session_id) + [FollowupAction("walk_form")]
        send(dispatcher, replies)  # nothing paused under that reference: say so, with the paused checks
        return []
