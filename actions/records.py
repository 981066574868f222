"""Records and reports in the chat: a case's summary, its chronology, the distance travelled
(with the chart as an image) and the supervisor overview. Thin: the reports are
bot.reports.views.Reports; these actions find who is asking and which case they mean."""

from __future__ import annotations

import json
import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import identity, latest_text, send
from bot.knowledge.texts import say
from bot.records import caseref
from bot.reports.views import ReportError, Reports, parse_record
from bot.walks.moves import cases_view
from bot.walks.replies import Button, Reply

REF_ENTITIES = ("case_ref", "case_reference", "reference")
# the intent each action answers; an example of asking for it is in replies/actions.yml `examples`
INTENTS = {
    "action_case_summary": "case_summary",
    "action_show_chronology": "show_chronology",
    "action_distance_travelled": "distance_travelled",
}


def payload_entities(text: str) -> dict[str, Any]:
    """The entities of a button payload such as /case_summary{"case_ref": "ABC-12"}."""
    m = re.match(r"^/\w+(\{.*\})\s*$", text or "", re.S)
    if not m:
        return {}
    try:
        data = json.loads(m.group(1))
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def case_reference(tracker: Tracker) -> str | None:
    """The case the message is about: an entity, a button payload, or a reference in the words."""
    for e in tracker.latest_message.get("entities") or []:
        if e.get("entity") in REF_ENTITIES and e.get("value"):
            return caseref.normalise(str(e["value"]))
    text = latest_text(tracker)
    given = payload_entities(text)
    if given.get("case_ref"):
        return caseref.normalise(str(given["case_ref"]))
    if text.startswith("/"):
        return None
    return caseref.find(text)


def record_wanted(tracker: Tracker) -> str | None:
    text = latest_text(tracker)
    given = payload_entities(text)
    if given.get("record"):
        return parse_record(str(given["record"]))
    return None if text.startswith("/") else parse_record(text)


class _CaseReport:
    """Shared by the three case reports (a mixin, not an Action, so that the action server
    does not register it): asks for the case when the message names none, with a button for
    each of the user's cases."""

    def name(self) -> str:  # pragma: no cover - each action names itself
        raise NotImplementedError

    def ask_for_case(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
        intent = INTENTS[self.name()]
        example = say(f"actions.examples.{intent}")
        channel, sender = identity(tracker)
        try:
            refs = Reports().references(channel, sender)[:5]
        except ReportError:
            refs = []
        buttons = tuple(Button(ref, f'/{intent}{json.dumps({"case_ref": ref})}') for ref in refs)
        text = say("actions.which_case", example=example)
        if refs:
            text += say("actions.choose_case")
        send(dispatcher, [Reply(text, buttons)])

    def report(self, channel: str, sender: str, ref: str, tracker: Tracker) -> list[Reply]:
        raise NotImplementedError

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        ref = case_reference(tracker)
        if ref is None:
            self.ask_for_case(dispatcher, tracker)
            return []
        try:
            replies = self.report(*identity(tracker), ref, tracker)
        except ReportError as exc:
            replies = [Reply(str(exc))]
        send(dispatcher, replies)
        return []


class ActionCaseSummary(_CaseReport, Action):
    def name(self) -> str:
        return "action_case_summary"

    def report(self, channel: str, sender: str, ref: str, tracker: Tracker) -> list[Reply]:
        return Reports().summary(channel, sender, ref, record_wanted(tracker))


class ActionShowChronology(_CaseReport, Action):
    def name(self) -> str:
        return "action_show_chronology"

    def report(self, channel: str, sender: str, ref: str, tracker: Tracker) -> list[Reply]:
        return Reports().chronology(channel, sender, ref)


class ActionDistanceTravelled(_CaseReport, Action):
    def name(self) -> str:
        return "action_distance_travelled"

    def report(self, channel: str, sender: str, ref: str, tracker: Tracker) -> list[Reply]:
        return Reports().distance(channel, sender, ref)


class ActionSupervisorOverview(Action):
    def name(self) -> str:
        return "action_supervisor_overview"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        try:
            replies = Reports().overview(*identity(tracker))
        except ReportError as exc:
            replies = [Reply(str(exc))]
        send(dispatcher, replies)
        return []


class ActionMyCases(Action):
    """'My cases': the practitioner's own references, each with its last activity and what
    can be done with it (bot.walks.moves.cases_view)."""

    def name(self) -> str:
        return "action_my_cases"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[dict[str, Any]]:
        send(dispatcher, cases_view(*identity(tracker)))
        return []
