"""users and meetings

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MEDIA_KIND = postgresql.ENUM("audio", "video", name="media_kind")
MEETING_STATUS = postgresql.ENUM("queued", "processing", "completed", "failed", name="meeting_status")
PROCESSING_STAGE = postgresql.ENUM("downloading", "decoding", "diarization", "identification",
                                   "transcription", "fusion", "storing", name="processing_stage")


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=True),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_users_email", "users", ["email"], unique=True)
    op.create_table(
        "meetings",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("user_id", sa.Uuid(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("original_filename", sa.String(500), nullable=True),
        sa.Column("content_type", sa.String(100), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("media_kind", MEDIA_KIND, nullable=False),
        sa.Column("language", sa.String(8), nullable=True),
        sa.Column("speakers_hint", postgresql.JSONB(), nullable=False),
        sa.Column("status", MEETING_STATUS, nullable=False),
        sa.Column("stage", PROCESSING_STAGE, nullable=True),
        sa.Column("progress", sa.Float(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("duration_s", sa.Float(), nullable=True),
        sa.Column("processing_s", sa.Float(), nullable=True),
        sa.Column("num_speakers", sa.Integer(), nullable=True),
        sa.Column("task_id", sa.String(64), nullable=False),
        sa.Column("speaker_names", postgresql.JSONB(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_event_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_meetings_user_id", "meetings", ["user_id"])
    op.create_index("ix_meetings_status", "meetings", ["status"])
    op.create_index("ix_meetings_created_at", "meetings", ["created_at"])
    op.create_index("ix_meetings_task_id", "meetings", ["task_id"], unique=True)


def downgrade() -> None:
    op.drop_table("meetings")
    op.drop_table("users")
    for enum in (PROCESSING_STAGE, MEETING_STATUS, MEDIA_KIND):
        enum.drop(op.get_bind(), checkfirst=True)
