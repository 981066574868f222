"""The immediate-danger answer: the same from any point in any conversation."""

from __future__ import annotations

from bot.knowledge.loader import KnowledgeBase
from bot.walks.replies import Reply


def emergency_reply(kb: KnowledgeBase) -> Reply:
    p = kb.profile
    front = p.contacts["front_door"].describe()
    edt = p.contacts["emergency_duty_team"].describe()
    step = kb.items["call_999"]
    return Reply(
        "If a child is in immediate danger, call 999 now.\n"
        f"Then contact {front}. Out of hours: {edt}. Tell your safeguarding lead as soon as you can.\n"
        f"(Source: {kb.cite_item(step)}.)\n"
        "When the child is safe, we can carry on where we were."
    )
