"""The immediate-danger answer: the same from any point in any conversation."""

from __future__ import annotations

from bot.knowledge.loader import KnowledgeBase
from bot.knowledge.texts import say
from bot.walks.replies import Reply


def emergency_reply(kb: KnowledgeBase, in_walk: bool = True) -> Reply:
    """The 999 answer; `in_walk`: said inside a walkthrough, which it then offers to carry on
    (outside one there is nothing to carry on: S20-UX3)."""
    p = kb.profile
    front = p.contacts["front_door"].describe()
    edt = p.contacts["emergency_duty_team"].describe()
    step = kb.items["call_999"]
    after = say("common.emergency_after.in_walk" if in_walk else "common.emergency_after.no_walk")
    return Reply(say("common.emergency", front=front, edt=edt, source=kb.cite_item(step)) + "\n" + after)
