"""The immediate-danger answer: the same from any point in any conversation."""

from __future__ import annotations

from bot.knowledge.loader import KnowledgeBase
from bot.knowledge.texts import say
from bot.walks.replies import Reply


def emergency_reply(kb: KnowledgeBase) -> Reply:
    p = kb.profile
    front = p.contacts["front_door"].describe()
    edt = p.contacts["emergency_duty_team"].describe()
    step = kb.items["call_999"]
    return Reply(say("common.emergency", front=front, edt=edt, source=kb.cite_item(step)))
