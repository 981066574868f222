"""Core records: users, cases, checks, answers and the audit log.

Revision ID: 0001_core
Revises:
Create Date: 2026-11-23

A table that is already there (a database made with create_all before migrations existed)
is kept as it is, so such a database is taken over without losing anything.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_core"
down_revision = None
branch_labels = None
depends_on = None

TABLES = ("users", "cases", "checks", "answers", "audit_log")


def _missing(name: str) -> bool:
    return not sa.inspect(op.get_bind()).has_table(name)


def upgrade() -> None:
    if _missing("users"):
        op.create_table(
            "users",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("channel", sa.String(40), nullable=False),
            sa.Column("external_id", sa.String(200), nullable=False),
            sa.Column("role", sa.String(20), nullable=False),  # practitioner, supervisor, trainee
            sa.Column("team", sa.String(100)),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.UniqueConstraint("channel", "external_id"),
        )
    if _missing("cases"):
        op.create_table(
            "cases",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("reference", sa.String(40), nullable=False),
            sa.Column("owner_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
            sa.Column("profile", sa.String(40), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.UniqueConstraint("owner_id", "reference"),
        )
    if _missing("checks"):
        op.create_table(
            "checks",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("case_id", sa.Integer(), sa.ForeignKey("cases.id")),
            sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
            sa.Column("status", sa.String(20), nullable=False),
            sa.Column("level", sa.String(30)),
            sa.Column("summary", sa.Text()),
            sa.Column("started_at", sa.DateTime(), nullable=False),
            sa.Column("updated_at", sa.DateTime(), nullable=False),
        )
    if _missing("answers"):
        op.create_table(
            "answers",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("check_id", sa.Integer(), sa.ForeignKey("checks.id"), nullable=False),
            sa.Column("question_id", sa.String(80), nullable=False),
            sa.Column("value", sa.String(200)),
            sa.Column("text", sa.Text()),
            sa.Column("superseded", sa.Boolean(), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
        )
        op.create_index("ix_answers_check_id", "answers", ["check_id"])
    if _missing("audit_log"):
        op.create_table(
            "audit_log",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("at", sa.DateTime(), nullable=False),
            sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id")),
            sa.Column("case_id", sa.Integer(), sa.ForeignKey("cases.id")),
            sa.Column("event", sa.String(60), nullable=False),
            sa.Column("detail", sa.Text()),
        )
        op.create_index("ix_audit_log_at", "audit_log", ["at"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_at", table_name="audit_log")
    op.drop_table("audit_log")
    op.drop_index("ix_answers_check_id", table_name="answers")
    op.drop_table("answers")
    op.drop_table("checks")
    op.drop_table("cases")
    op.drop_table("users")
