"""Who sees what in the records and reports: every user sees the cases they own; a supervisor
(users.role) also sees the cases of every user in their team (users.team); nobody else sees
another practitioner's case. Setting a user's role and team, and listing the users."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot.records import caseref
from bot.records import store as records
from bot.records.store import ROLES, Case, User


class ReportError(Exception):
    """A request that cannot be answered (no such user, a case that is not visible); the
    message is fit to show to the user."""


def owner_label(user: User) -> str:
    return f"{user.channel}:{user.external_id}"


def _day(d: dt.datetime | dt.date) -> str:
    return f"{d.day} {d:%b %Y}"


# -- who sees what -------------------------------------------------------------------------
def find_user(s: Session, channel: str, external_id: str, create: bool = True) -> User:
    if create:
        return records.get_or_create_user(s, channel, external_id)
    user = s.execute(select(User).where(User.channel == channel, User.external_id == external_id)).scalar_one_or_none()
    if user is None:
        raise ReportError(f"There is no user {channel}:{external_id} in the records.")
    return user


def is_supervisor(user: User) -> bool:
    return user.role == "supervisor"


def visible_cases(s: Session, viewer: User, reference: str | None = None) -> list[Case]:
    """The cases the viewer may see (their own first), optionally with one reference."""
    q = select(Case).join(User, Case.owner_id == User.id)
    if is_supervisor(viewer) and viewer.team:
        q = q.where(or_(Case.owner_id == viewer.id, User.team == viewer.team))
    else:
        q = q.where(Case.owner_id == viewer.id)
    if reference:
        q = q.where(Case.reference == caseref.normalise(reference))
    cases = s.execute(q.order_by(Case.reference, Case.id)).scalars().all()
    return sorted(cases, key=lambda c: (c.owner_id != viewer.id, c.reference, c.id))


def can_see(viewer: User, case: Case) -> bool:
    if case.owner_id == viewer.id:
        return True
    return is_supervisor(viewer) and bool(viewer.team) and case.owner.team == viewer.team


def set_role(
    channel: str, external_id: str, role: str, team: str | None, db_url: str | None = None, clear_team: bool = False
) -> tuple[str, str | None]:
    """Sets a user's role (and team); creates the user if they have not used the assistant yet."""
    if role not in ROLES:
        raise ReportError(f"'{role}' is not a role: use one of {', '.join(ROLES)}.")
    with records.session_scope(db_url) as s:
        user = records.get_or_create_user(s, channel, external_id)
        before = (user.role, user.team)
        user.role = role
        if team is not None:
            user.team = team.strip() or None
        elif clear_team:
            user.team = None
        records.audit(
            s,
            "role_set",
            f"{owner_label(user)}: {before[0]}/{before[1] or '-'} -> {user.role}/" f"{user.team or '-'}",
            user=user,
        )
        return user.role, user.team


def list_users(db_url: str | None = None, team: str | None = None) -> list[tuple[str, str, str | None, int]]:
    """(channel:id, role, team, number of cases) of every user (or of one team)."""
    with records.session_scope(db_url) as s:
        q = select(User).order_by(User.team, User.role, User.channel, User.external_id)
        if team:
            q = q.where(User.team == team)
        out = []
        for u in s.execute(q).scalars():
            n = len(s.execute(select(Case.id).where(Case.owner_id == u.id)).all())
            out.append((owner_label(u), u.role, u.team, n))
        return out
