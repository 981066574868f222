"""Records of reflective supervision: sessions, reflections and agreed actions.

Tables on bot.records.store.Base (imported through bot.records.store.MODEL_MODULES; the schema
comes from migrations/), so they live in the one database beside cases and checks. Nothing here holds a name: a
session belongs to a user and a case by its reference, and every text a practitioner
typed is stored with personal details scrubbed.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import relationship

from bot.records.store import Base, Case, User, utcnow

SESSION_STATUSES = ("active", "paused", "stopped", "complete", "merged")
ACTION_STATUSES = ("draft", "open", "done", "dropped")
CHANGES = ("better", "same", "worse", "unsure")


class SupervisionSession(Base):
    """One reflective conversation about one case. `stage` and the cursor fields say where
    the conversation is; the reflections and actions say what was said and agreed."""

    __tablename__ = "supervision_sessions"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"), nullable=False, index=True)
    case_id = Column(Integer, ForeignKey("cases.id"), index=True)  # none until a reference is given
    status = Column(String(20), nullable=False, default="active")  # SESSION_STATUSES
    stage = Column(String(30), nullable=False, default="case_ref")
    themes = Column(Text, nullable=False, default="")  # theme ids in the order they are taken, comma separated
    theme_pos = Column(Integer, nullable=False, default=0)  # index into themes
    question_pos = Column(Integer, nullable=False, default=0)  # next question of the current theme
    asked_in_theme = Column(Integer, nullable=False, default=0)  # questions answered or skipped in this theme
    picked_by = Column(String(20))  # history (suggested from the case's records) or user
    suggestions = Column(Text)  # JSON: [{theme, because}] offered at theme choice
    hint = Column(Text)  # theme ids suggested by the words of the message that started the session
    follow_up = Column(String(30))  # cue kind whose follow-up question is pending
    follow_up_on = Column(Integer)  # the reflection it follows up
    review_queue = Column(Text, nullable=False, default="")  # ids of earlier actions still to review
    pending_action_id = Column(Integer)  # the action whose owner or date is being asked
    change = Column(String(20))  # CHANGES: what the practitioner said changed for the child since last time
    drift_flags = Column(Text)  # JSON list of the drift signs found when the session opened
    summary = Column(Text)
    started_at = Column(DateTime, nullable=False, default=utcnow)
    updated_at = Column(DateTime, nullable=False, default=utcnow)
    ended_at = Column(DateTime)
    user = relationship(User)
    case = relationship(Case)
    reflections = relationship("Reflection", order_by="Reflection.id", back_populates="session")
    actions = relationship(
        "AgreedAction", order_by="AgreedAction.id", back_populates="session", foreign_keys="AgreedAction.session_id"
    )


class Reflection(Base):
    """One answer to one open question (or follow-up), as typed, scrubbed."""

    __tablename__ = "supervision_reflections"
    id = Column(Integer, primary_key=True)
    session_id = Column(Integer, ForeignKey("supervision_sessions.id"), nullable=False, index=True)
    theme_id = Column(String(60))  # None for the opening "what has changed" answer
    question_key = Column(String(80), nullable=False)  # theme_x:2, follow_up:optimism, changed
    prompt = Column(Text, nullable=False)  # the question as it was asked
    text = Column(Text)  # the reflection with personal details scrubbed; None when skipped
    removed = Column(String(200))  # kinds of detail scrubbed out, comma separated
    cues = Column(String(200))  # cue kinds found in the text, comma separated
    skipped = Column(Boolean, nullable=False, default=False)
    superseded = Column(Boolean, nullable=False, default=False)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    session = relationship(SupervisionSession, back_populates="reflections")


class AgreedAction(Base):
    """What will be done, who does it (a role), by when; reviewed at the next session."""

    __tablename__ = "supervision_actions"
    id = Column(Integer, primary_key=True)
    session_id = Column(Integer, ForeignKey("supervision_sessions.id"), nullable=False, index=True)
    case_id = Column(Integer, ForeignKey("cases.id"), nullable=False, index=True)
    what = Column(Text, nullable=False)  # scrubbed
    owner = Column(String(200))  # a role, scrubbed; None until given
    due_text = Column(String(200))  # what was typed for the date, scrubbed
    due_date = Column(Date)
    status = Column(String(20), nullable=False, default="draft")  # ACTION_STATUSES
    created_at = Column(DateTime, nullable=False, default=utcnow)
    completed_at = Column(DateTime)
    reviewed_at = Column(DateTime)
    reviewed_in = Column(Integer, ForeignKey("supervision_sessions.id"))  # the session that last reviewed it
    session = relationship(SupervisionSession, back_populates="actions", foreign_keys=[session_id])
    case = relationship(Case)
