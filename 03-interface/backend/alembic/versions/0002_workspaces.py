"""workspaces: tenancy, roles, invitations, API keys, audit log, row-level security

Every existing user gets a personal workspace (owner) holding their meetings; the objects move to
the workspace's S3 prefix with `python -m scripts.move_objects` (`./manage.sh migrate` runs both).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WORKSPACE_KIND = postgresql.ENUM("personal", "team", name="workspace_kind", create_type=False)
WORKSPACE_ROLE = postgresql.ENUM("viewer", "member", "admin", "owner", name="workspace_role", create_type=False)

# The request's principal, as the API sets it at the start of every transaction (app/core/tenancy.py).
# Unset or empty: nobody, and no tenant row is visible.
SCOPE_FUNCTIONS = (
    """CREATE FUNCTION scribe_user() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('scribe.user_id', true), '')::uuid $$""",
    """CREATE FUNCTION scribe_workspaces() RETURNS uuid[] LANGUAGE sql STABLE AS
  $$ SELECT coalesce(nullif(current_setting('scribe.workspace_ids', true), ''), '{}')::uuid[] $$""",
)

# table -> the condition a row must meet to be seen, and (WRITES, where it differs) to be written,
# by the current principal. A user sees their own memberships everywhere (that is how their
# workspaces are found), but writes memberships only in the workspaces of the transaction's scope.
POLICIES = {
    "workspaces": "id = ANY (scribe_workspaces())",
    "memberships": "workspace_id = ANY (scribe_workspaces()) OR user_id = scribe_user()",
    "invitations": "workspace_id = ANY (scribe_workspaces())",
    "api_keys": "user_id = scribe_user()",
    "audit_events": "workspace_id = ANY (scribe_workspaces())",
    "meetings": "workspace_id = ANY (scribe_workspaces())",
}
WRITES = {"memberships": "workspace_id = ANY (scribe_workspaces())"}

# The few look-ups that must cross tenants, each as narrow as it can be. SECURITY DEFINER: they run
# as the tables' owner, which the policies do not bind; the application role may only call them.
SYSTEM_FUNCTIONS = (
    """CREATE FUNCTION scribe_api_key(hash text)
  RETURNS TABLE (id uuid, user_id uuid, workspace_id uuid, role workspace_role,
                 expires_at timestamptz, revoked_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
  $$ SELECT id, user_id, workspace_id, role, expires_at, revoked_at FROM api_keys WHERE token_hash = hash $$""",
    """CREATE FUNCTION scribe_invitation(hash text)
  RETURNS TABLE (id uuid, workspace_id uuid, workspace_name text, email text, role workspace_role,
                 expires_at timestamptz, accepted_at timestamptz, revoked_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
  $$ SELECT i.id, i.workspace_id, w.name, i.email, i.role, i.expires_at, i.accepted_at, i.revoked_at
     FROM invitations i JOIN workspaces w ON w.id = i.workspace_id WHERE i.token_hash = hash $$""",
    """CREATE FUNCTION scribe_meeting_workspace(meeting uuid) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
  $$ SELECT workspace_id FROM meetings WHERE id = meeting $$""",
    """CREATE FUNCTION scribe_fail_stale_meetings(cutoff timestamptz, reason text) RETURNS SETOF uuid
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS
  $$ UPDATE meetings SET status = 'failed', error = reason, completed_at = now(), updated_at = now()
     WHERE status = 'processing' AND coalesce(last_event_at, created_at) < cutoff RETURNING id $$""",
)
SYSTEM_FUNCTION_SIGNATURES = (
    "scribe_api_key(text)",
    "scribe_invitation(text)",
    "scribe_meeting_workspace(uuid)",
    "scribe_fail_stale_meetings(timestamptz, text)",
)


def _timestamps() -> list[sa.Column[object]]:
    return [sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now())]


def upgrade() -> None:
    WORKSPACE_KIND.create(op.get_bind(), checkfirst=True)
    WORKSPACE_ROLE.create(op.get_bind(), checkfirst=True)
    op.add_column("users", sa.Column("token_version", sa.Integer(), nullable=False, server_default="0"))
    op.create_table(
        "workspaces",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", WORKSPACE_KIND, nullable=False),
        sa.Column("created_by", sa.Uuid(), sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
        *_timestamps(),
    )
    op.create_table(
        "memberships",
        sa.Column("workspace_id", sa.Uuid(), sa.ForeignKey("workspaces.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("user_id", sa.Uuid(), sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("role", WORKSPACE_ROLE, nullable=False),
        *_timestamps(),
    )
    op.create_index("ix_memberships_user_id", "memberships", ["user_id"])
    op.create_table(
        "invitations",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("workspace_id", sa.Uuid(), sa.ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("role", WORKSPACE_ROLE, nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_by", sa.Uuid(), sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
        *_timestamps(),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("accepted_by", sa.Uuid(), sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_invitations_workspace_id", "invitations", ["workspace_id"])
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("user_id", sa.Uuid(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("workspace_id", sa.Uuid(), sa.ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", WORKSPACE_ROLE, nullable=False),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        *_timestamps(),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_api_keys_user_id", "api_keys", ["user_id"])
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("workspace_id", sa.Uuid(), sa.ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False),
        sa.Column("actor_id", sa.Uuid(), sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True),
        sa.Column("actor_email", sa.String(320), nullable=True),
        sa.Column("api_key_id", sa.Uuid(), sa.ForeignKey("api_keys.id", ondelete="SET NULL"), nullable=True),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("target_type", sa.String(32), nullable=True),
        sa.Column("target_id", sa.String(64), nullable=True),
        sa.Column("details", postgresql.JSONB(), nullable=False, server_default="{}"),
        sa.Column("client_ip", sa.String(45), nullable=True),
        sa.Column("user_agent", sa.String(300), nullable=True),
        *_timestamps(),
    )
    op.create_index("ix_audit_events_workspace_id", "audit_events", ["workspace_id"])
    op.create_index("ix_audit_events_created_at", "audit_events", ["created_at"])

    # Existing data: a personal workspace per user, owning that user's meetings.
    op.add_column("meetings", sa.Column("workspace_id", sa.Uuid(), nullable=True))
    op.add_column("meetings", sa.Column("uploaded_by", sa.Uuid(), nullable=True))
    op.execute(
        "INSERT INTO workspaces (id, name, kind, created_by, created_at) "
        "SELECT gen_random_uuid(), 'Personal', 'personal', id, created_at FROM users"
    )
    op.execute(
        "INSERT INTO memberships (workspace_id, user_id, role, created_at) "
        "SELECT id, created_by, 'owner', created_at FROM workspaces WHERE kind = 'personal'"
    )
    op.execute(
        "UPDATE meetings m SET workspace_id = w.id, uploaded_by = m.user_id "
        "FROM workspaces w WHERE w.kind = 'personal' AND w.created_by = m.user_id"
    )
    op.alter_column("meetings", "workspace_id", nullable=False)
    op.create_foreign_key("fk_meetings_workspace", "meetings", "workspaces", ["workspace_id"], ["id"], ondelete="CASCADE")
    op.create_foreign_key("fk_meetings_uploaded_by", "meetings", "users", ["uploaded_by"], ["id"], ondelete="SET NULL")
    op.create_index("ix_meetings_workspace_id", "meetings", ["workspace_id"])
    op.drop_index("ix_meetings_user_id", table_name="meetings")
    op.drop_column("meetings", "user_id")

    for function in SCOPE_FUNCTIONS:
        op.execute(function)
    for table, condition in POLICIES.items():
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        check = WRITES.get(table, condition)
        op.execute(f"CREATE POLICY tenant_isolation ON {table} USING ({condition}) WITH CHECK ({check})")
    for function in SYSTEM_FUNCTIONS:
        op.execute(function)
    for signature in SYSTEM_FUNCTION_SIGNATURES:
        op.execute(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")


def downgrade() -> None:
    for signature in SYSTEM_FUNCTION_SIGNATURES:
        op.execute(f"DROP FUNCTION IF EXISTS {signature}")
    for table in POLICIES:
        op.execute(f"DROP POLICY IF EXISTS tenant_isolation ON {table}")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    op.execute("DROP FUNCTION IF EXISTS scribe_user()")
    op.execute("DROP FUNCTION IF EXISTS scribe_workspaces()")
    op.add_column("meetings", sa.Column("user_id", sa.Uuid(), nullable=True))
    # Each meeting goes back to its uploader, or, failing that, to its workspace's first owner.
    op.execute(
        "UPDATE meetings m SET user_id = coalesce(m.uploaded_by, (SELECT ms.user_id FROM memberships ms "
        "WHERE ms.workspace_id = m.workspace_id AND ms.role = 'owner' ORDER BY ms.created_at LIMIT 1))"
    )
    op.execute("DELETE FROM meetings WHERE user_id IS NULL")
    op.alter_column("meetings", "user_id", nullable=False)
    op.create_foreign_key("meetings_user_id_fkey", "meetings", "users", ["user_id"], ["id"], ondelete="CASCADE")
    op.create_index("ix_meetings_user_id", "meetings", ["user_id"])
    op.drop_index("ix_meetings_workspace_id", table_name="meetings")
    op.drop_constraint("fk_meetings_uploaded_by", "meetings", type_="foreignkey")
    op.drop_constraint("fk_meetings_workspace", "meetings", type_="foreignkey")
    op.drop_column("meetings", "uploaded_by")
    op.drop_column("meetings", "workspace_id")
    for table in ("audit_events", "api_keys", "invitations", "memberships", "workspaces"):
        op.drop_table(table)
    op.drop_column("users", "token_version")
    WORKSPACE_ROLE.drop(op.get_bind(), checkfirst=True)
    WORKSPACE_KIND.drop(op.get_bind(), checkfirst=True)
