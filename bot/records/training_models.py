"""Records of training mode: practice attempts and the answers given in them.

They belong to the trainee (bot.records.store.User) and never to a case: there is no foreign key
to `cases`, so a practice scenario cannot end up in a real case record, and a real case
cannot show up in a trainee's results. SQLAlchemy 1.4 in its 2.0 style, on the one Base of
bot.records.store (imported through MODEL_MODULES; the schema comes from migrations/).
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import relationship

from bot.records.store import Base, User, utcnow

ATTEMPT_STATUSES = ("choosing", "active", "complete", "stopped")


class TrainingAttempt(Base):
    """One go at one practice scenario. `choosing` until the trainee picks a scenario."""

    __tablename__ = "training_attempts"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"), nullable=False, index=True)
    scenario_id = Column(String(80))  # the scenario's id in knowledge/training.yml
    scenario_ref = Column(String(20))  # its reference as shown (TRN-01)
    status = Column(String(20), nullable=False, default="choosing")
    points = Column(Integer, nullable=False, default=0)
    max_points = Column(Integer, nullable=False, default=0)
    pending = Column(String(400))  # a multi-choice answer being built up button by button
    started_at = Column(DateTime, nullable=False, default=utcnow)
    updated_at = Column(DateTime, nullable=False, default=utcnow, onupdate=utcnow)
    completed_at = Column(DateTime)
    user = relationship(User)
    answers = relationship("TrainingAnswer", order_by="TrainingAnswer.id", back_populates="attempt")

    @property
    def percent(self) -> int | None:
        return round(100 * self.points / self.max_points) if self.max_points else None


class TrainingAnswer(Base):
    """One step answered (or skipped), with its score and the model answer at the time."""

    __tablename__ = "training_answers"
    id = Column(Integer, primary_key=True)
    attempt_id = Column(Integer, ForeignKey("training_attempts.id"), nullable=False, index=True)
    step_id = Column(String(80), nullable=False)
    position = Column(Integer, nullable=False)  # 1-based step number within the scenario
    ask = Column(String(20), nullable=False)  # types, level, next_step or pitfall
    value = Column(String(400), nullable=False)  # knowledge ids chosen, comma-separated, or "skipped"
    model_answer = Column(String(400), nullable=False)
    text = Column(Text)  # what was typed, with personal details scrubbed
    verdict = Column(String(20), nullable=False)  # right, partly, not_quite, skipped
    points = Column(Integer, nullable=False, default=0)
    max_points = Column(Integer, nullable=False, default=0)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    attempt = relationship(TrainingAttempt, back_populates="answers")
