"""The practitioner is told ONCE in a conversation which kinds of personal detail were taken
out of what they typed (issue 20), and again only when a kind not yet told is removed.

The text is content (knowledge/language/personal_details.yml, `notice`). What has been told
is remembered in the durable record, so that every worker of the action server and a restart
agree: an audit event `details_removed_told` for the user (the kinds, never the words). A
conversation is what Rasa counts as one session: events less than `conversation_minutes`
apart (the same as domain.yml's session_expiration_time), so a practitioner who comes back
the next day is told again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.records.store import AuditEvent
from bot.walks.replies import Reply

EVENT = "details_removed_told"


def _settings() -> dict:
    from bot.lang.nlp import load_yaml

    return dict(load_yaml("personal_details.yml").get("notice") or {})


def conversation_minutes() -> int:
    return int(_settings().get("conversation_minutes", 480))


def told_kinds(s: Session, user_id: int | None, now: dt.datetime) -> set[str]:
    """The kinds this user has been told of in the current conversation."""
    if user_id is None:
        return set()
    since = now - dt.timedelta(minutes=conversation_minutes())
    rows = s.execute(
        select(AuditEvent.detail).where(
            AuditEvent.user_id == user_id, AuditEvent.event == EVENT, AuditEvent.at >= since
        )
    ).scalars()
    return {k for detail in rows for k in (detail or "").split(",") if k}


def notice_once(
    s: Session, user_id: int | None, kinds: Iterable[str], now: dt.datetime, roles: bool = False
) -> list[Reply]:
    """The notice for the kinds removed that this user has not been told of in this
    conversation (none when all were told), and the memory that they now have been."""
    from bot.lang.scrub import removed_notice

    kinds = [str(k) for k in dict.fromkeys(kinds) if k]
    if not kinds:
        return []
    new = [k for k in kinds if k not in told_kinds(s, user_id, now)]
    if not new:
        return []
    if user_id is not None:
        s.add(AuditEvent(event=EVENT, detail=",".join(new), user_id=user_id, at=now))
        s.flush()
    return [Reply(removed_notice(new, roles=roles))]
