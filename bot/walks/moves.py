"""The moves that leave a walk or look outside it (issue 24): `Walks` carries out menu,
resume <ref>, start again, help, my cases, my progress and a case's report by its reference
(`case_report`) after the walk's own turn is saved, and `cases_view` lists a practitioner's
cases. What counts as a command is bot.walks.commands."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.records import caseref
from bot.walks.commands import CASE_REPORTS, Command, menu_buttons, text
from bot.walks.replies import Button, Reply


@dataclass(frozen=True)
class Outcome:
    """What the user sees after one message in a walk, and which walk (if any) runs next."""

    replies: tuple[Reply, ...]
    finished: bool
    flow: str | None = None
    flow_id: int | None = None
    extra: dict = field(default_factory=dict)


class Walks:
    """The three walks behind one door. A walk (bot.walks.engine.Walk) has start(channel,
    sender), turn(id, msg), handle(id, msg), prompt(id), is_active(id), owner(id) -> (channel,
    sender), reference(id) -> str | None and leave(id) -> list[Reply] (pause under its
    reference, or stop when it has none). `turn()` is the one call per message."""

    def __init__(self, db_url: str | None = None, factories: dict[str, Callable[..., Any]] | None = None):
        self.db_url = db_url
        if factories is None:
            from bot.walks.check import CheckService
            from bot.walks.supervision import SupervisionService
            from bot.walks.training import TrainingService

            factories = {"check": CheckService, "supervision": SupervisionService, "training": TrainingService}
        self.factories = factories

    def service(self, flow: str) -> Any:
        return self.factories[flow](db_url=self.db_url)

    def handle(self, flow: str, flow_id: int, msg: Any) -> Outcome:
        service = self.service(flow)
        step = service.handle(flow_id, msg)
        follow = getattr(step, "follow", None)
        if follow is None:
            return Outcome(tuple(step.replies), step.finished, flow, flow_id)
        return self.carry_out(flow, flow_id, service, follow, tuple(step.replies))

    def turn(self, flow: str, flow_id: int, msg: Any) -> Outcome:
        """The one call per turn: the walk's feedback and its next question together, built
        in one database session (bot.walks.engine.Walk.turn). A command that leaves the walk
        is carried out after that session is saved, and the walk it lands in (if one still
        runs) asks its question."""
        service = self.service(flow)
        step, prompt = service.turn(flow_id, msg)
        if step.follow is None:
            return Outcome(tuple(step.replies) + tuple(prompt), step.finished, flow, flow_id)
        out = self.carry_out(flow, flow_id, service, step.follow, tuple(step.replies))
        if out.flow is not None and out.flow_id is not None:
            landed = service if out.flow == flow else self.service(out.flow)
            if landed.is_active(out.flow_id):
                out = Outcome(
                    out.replies + tuple(landed.prompt(out.flow_id)), out.finished, out.flow, out.flow_id, out.extra
                )
        return out

    def carry_out(self, flow: str, flow_id: int, service: Any, cmd: Command, before: tuple[Reply, ...]) -> Outcome:
        walk = text(f"walks.{flow}")
        channel, sender = service.owner(flow_id)
        if cmd.name == "help":
            return Outcome(before + (Reply(text("help", walk=walk)),), False, flow, flow_id)
        if cmd.name == "my_cases":
            return Outcome(before + tuple(cases_view(channel, sender, self.db_url)), False, flow, flow_id)
        if cmd.name in CASE_REPORTS:
            return Outcome(before + tuple(case_report(cmd, channel, sender, self.db_url)), False, flow, flow_id)
        if cmd.name == "my_progress":
            progress = self.service("training").progress(channel, sender)
            return Outcome(before + tuple(progress), False, flow, flow_id)
        if cmd.name == "menu":
            left = service.leave(flow_id)
            return Outcome(before + tuple(left) + (Reply(text("menu_prompt"), menu_buttons()),), True)
        if cmd.name == "start_again":
            ref = service.reference(flow_id)
            service.leave(flow_id, stop=True)
            new_id, replies = service.start(channel, sender)
            note = (
                text("starting_again_saved", walk=walk, ref=ref) if ref else text("starting_again_unsaved", walk=walk)
            )
            return Outcome(before + (Reply(note),) + tuple(replies), False, flow, new_id)
        # resume <ref>
        if not cmd.ref:
            return Outcome(before + (Reply(text("no_resume_target")),), False, flow, flow_id)
        current = service.reference(flow_id)
        if current and caseref.normalise(cmd.ref) == current and flow != "training":
            return Outcome(before + (Reply(text("same_case", ref=current)),), False, flow, flow_id)
        target = self.find_paused(channel, sender, cmd.ref)
        if target is None:
            replies = self.service("check").resume(channel, sender, cmd.ref)[1]
            return Outcome(before + tuple(replies), False, flow, flow_id)
        left = service.leave(flow_id)
        to_flow, _ = target
        new_id, replies = self.service(to_flow).resume(channel, sender, cmd.ref)
        return Outcome(before + tuple(left) + tuple(replies), False, to_flow, new_id)

    def find_paused(self, channel: str, sender: str, ref: str) -> tuple[str, str] | None:
        ref = caseref.normalise(ref)
        for flow in ("check", "supervision"):
            if ref in self.service(flow).resumable_references(channel, sender):
                return flow, ref
        return None


def case_report(cmd: Command, channel: str, sender: str, db_url: str | None = None) -> list[Reply]:
    """A case's summary, chronology or distance travelled asked for mid-walk (bot.reports.views,
    as the top level shows them): the walk then asks its question again."""
    from bot.reports.views import ReportError, Reports

    reports = Reports(db_url=db_url)
    try:
        if cmd.name == "summary":
            return reports.summary(channel, sender, cmd.ref or "")
        if cmd.name == "chronology":
            return reports.chronology(channel, sender, cmd.ref or "")
        return reports.distance(channel, sender, cmd.ref or "")
    except ReportError as exc:
        return [Reply(str(exc))]


def cases_view(channel: str, sender: str, db_url: str | None = None, most: int = 8) -> list[Reply]:
    """The practitioner's own cases, most recent first: each with its last activity and what
    can be done with it, and buttons to do it."""
    from bot.records.store import case_activity

    rows = case_activity(channel, sender, db_url)
    if not rows:
        return [Reply(text("no_cases"), menu_buttons()[:1])]
    lines = [text("cases_intro")]
    buttons: list[Button] = []
    for row in rows[:most]:
        what = text(f"activity.{row.kind}_{row.status}") if row.kind else text("activity.case")
        when = f"{row.at.day} {row.at:%b %Y}"
        can = ("resume" if row.status in ("paused", "active") else "review") if row.kind else "start"
        lines.append(text("case_line", ref=row.reference, what=what, when=when, can=text(f"can.{can}")))
        if can == "resume":
            buttons.append(Button(text("buttons.resume", ref=row.reference), Command("resume", row.reference).payload))
        elif can == "review":
            buttons.append(
                Button(
                    text("buttons.summary", ref=row.reference),
                    "/case_summary" + json.dumps({"case_ref": row.reference}),
                )
            )
    from bot.walks.menu import intent_button

    buttons = buttons[:6]
    return [Reply("\n".join(lines)), Reply(text("case_more"), tuple(buttons) + (intent_button("menu"),))]
