"""The walkthroughs' records: reflective supervision (sessions, reflections, agreed actions)
and training (attempts and their answers). Models: bot/records/supervision_models.py and
bot/records/training_models.py. users.role and users.team are in revision 0001_core already.

Revision ID: 0002_walkthroughs
Revises: 0001_core
Create Date: 2026-11-23

A table that is already there (made with create_all before migrations existed, or by
bot/records/migrate.py's stopgap while this revision was being written) is kept as it is.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_walkthroughs"
down_revision = "0001_core"
branch_labels = None
depends_on = None

TABLES = (
    "supervision_sessions",
    "supervision_reflections",
    "supervision_actions",
    "training_attempts",
    "training_answers",
)


def _missing(name: str) -> bool:
    return not sa.inspect(op.get_bind()).has_table(name)


def upgrade() -> None:
    if _missing("supervision_sessions"):
        op.create_table(
            "supervision_sessions",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
            sa.Column("case_id", sa.Integer(), sa.ForeignKey("cases.id")),
            sa.Column("status", sa.String(20), nullable=False),
            sa.Column("stage", sa.String(30), nullable=False),
            sa.Column("themes", sa.Text(), nullable=False),
            sa.Column("theme_pos", sa.Integer(), nullable=False),
            sa.Column("question_pos", sa.Integer(), nullable=False),
            sa.Column("asked_in_theme", sa.Integer(), nullable=False),
            sa.Column("picked_by", sa.String(20)),
            sa.Column("suggestions", sa.Text()),
            sa.Column("hint", sa.Text()),
            sa.Column("follow_up", sa.String(30)),
            sa.Column("follow_up_on", sa.Integer()),
            sa.Column("review_queue", sa.Text(), nullable=False),
            sa.Column("pending_action_id", sa.Integer()),
            sa.Column("change", sa.String(20)),
            sa.Column("drift_flags", sa.Text()),
            sa.Column("summary", sa.Text()),
            sa.Column("started_at", sa.DateTime(), nullable=False),
            sa.Column("updated_at", sa.DateTime(), nullable=False),
            sa.Column("ended_at", sa.DateTime()),
        )
        op.create_index("ix_supervision_sessions_user_id", "supervision_sessions", ["user_id"])
        op.create_index("ix_supervision_sessions_case_id", "supervision_sessions", ["case_id"])
    if _missing("supervision_reflections"):
        op.create_table(
            "supervision_reflections",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("session_id", sa.Integer(), sa.ForeignKey("supervision_sessions.id"), nullable=False),
            sa.Column("theme_id", sa.String(60)),
            sa.Column("question_key", sa.String(80), nullable=False),
            sa.Column("prompt", sa.Text(), nullable=False),
            sa.Column("text", sa.Text()),
            sa.Column("removed", sa.String(200)),
            sa.Column("cues", sa.String(200)),
            sa.Column("skipped", sa.Boolean(), nullable=False),
            sa.Column("superseded", sa.Boolean(), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
        )
        op.create_index("ix_supervision_reflections_session_id", "supervision_reflections", ["session_id"])
    if _missing("supervision_actions"):
        op.create_table(
            "supervision_actions",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("session_id", sa.Integer(), sa.ForeignKey("supervision_sessions.id"), nullable=False),
            sa.Column("case_id", sa.Integer(), sa.ForeignKey("cases.id"), nullable=False),
            sa.Column("what", sa.Text(), nullable=False),
            sa.Column("owner", sa.String(200)),
            sa.Column("due_text", sa.String(200)),
            sa.Column("due_date", sa.Date()),
            sa.Column("status", sa.String(20), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("completed_at", sa.DateTime()),
            sa.Column("reviewed_at", sa.DateTime()),
            sa.Column("reviewed_in", sa.Integer(), sa.ForeignKey("supervision_sessions.id")),
        )
        op.create_index("ix_supervision_actions_session_id", "supervision_actions", ["session_id"])
        op.create_index("ix_supervision_actions_case_id", "supervision_actions", ["case_id"])
    if _missing("training_attempts"):
        op.create_table(
            "training_attempts",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
            sa.Column("scenario_id", sa.String(80)),
            sa.Column("scenario_ref", sa.String(20)),
            sa.Column("status", sa.String(20), nullable=False),
            sa.Column("points", sa.Integer(), nullable=False),
            sa.Column("max_points", sa.Integer(), nullable=False),
            sa.Column("pending", sa.String(400)),
            sa.Column("started_at", sa.DateTime(), nullable=False),
            sa.Column("updated_at", sa.DateTime(), nullable=False),
            sa.Column("completed_at", sa.DateTime()),
        )
        op.create_index("ix_training_attempts_user_id", "training_attempts", ["user_id"])
    if _missing("training_answers"):
        op.create_table(
            "training_answers",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("attempt_id", sa.Integer(), sa.ForeignKey("training_attempts.id"), nullable=False),
            sa.Column("step_id", sa.String(80), nullable=False),
            sa.Column("position", sa.Integer(), nullable=False),
            sa.Column("ask", sa.String(20), nullable=False),
            sa.Column("value", sa.String(400), nullable=False),
            sa.Column("model_answer", sa.String(400), nullable=False),
            sa.Column("text", sa.Text()),
            sa.Column("verdict", sa.String(20), nullable=False),
            sa.Column("points", sa.Integer(), nullable=False),
            sa.Column("max_points", sa.Integer(), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
        )
        op.create_index("ix_training_answers_attempt_id", "training_answers", ["attempt_id"])


def downgrade() -> None:
    op.drop_index("ix_training_answers_attempt_id", table_name="training_answers")
    op.drop_table("training_answers")
    op.drop_index("ix_training_attempts_user_id", table_name="training_attempts")
    op.drop_table("training_attempts")
    op.drop_index("ix_supervision_actions_case_id", table_name="supervision_actions")
    op.drop_index("ix_supervision_actions_session_id", table_name="supervision_actions")
    op.drop_table("supervision_actions")
    op.drop_index("ix_supervision_reflections_session_id", table_name="supervision_reflections")
    op.drop_table("supervision_reflections")
    op.drop_index("ix_supervision_sessions_case_id", table_name="supervision_sessions")
    op.drop_index("ix_supervision_sessions_user_id", table_name="supervision_sessions")
    op.drop_table("supervision_sessions")
