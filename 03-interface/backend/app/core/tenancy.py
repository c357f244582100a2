"""The second lock: every transaction tells PostgreSQL whose request it serves.

Row-level security policies (migration 0002) compare each tenant row's workspace with the
transaction settings `scribe.workspace_ids` and `scribe.user_id`. This module sets them, with
`set_config(..., is_local => true)`, at the start of every transaction of a session that carries
a `TenantScope` — again after each commit, so no statement of a request ever runs without them.
A session without a scope sees no tenant row at all. The application's database role cannot
bypass the policies (no superuser, no BYPASSRLS, not the tables' owner; checked at start-up).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from sqlalchemy import event, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlalchemy.orm import Session, SessionTransaction

_SCOPE_KEY = "tenant_scope"
_APPLY = text(
    "SELECT set_config('scribe.user_id', :user_id, true), set_config('scribe.workspace_ids', :workspaces, true)"
)


@dataclass(frozen=True)
class TenantScope:
    user_id: UUID | None
    workspace_ids: frozenset[UUID]

    @classmethod
    def of(cls, user_id: UUID | None, workspace_ids: Iterable[UUID] = ()) -> "TenantScope":
        return cls(user_id, frozenset(workspace_ids))

    def admitting(self, workspace_id: UUID) -> "TenantScope":
        """This scope plus a workspace being created or joined in this transaction."""
        return TenantScope(self.user_id, self.workspace_ids | {workspace_id})

    def parameters(self) -> dict[str, str]:
        workspaces = ",".join(sorted(str(workspace) for workspace in self.workspace_ids))
        return {"user_id": str(self.user_id) if self.user_id else "", "workspaces": "{" + workspaces + "}"}


NO_TENANT = TenantScope.of(None)


def scope_of(session: AsyncSession) -> TenantScope:
    scope = session.sync_session.info.get(_SCOPE_KEY)
    return scope if isinstance(scope, TenantScope) else NO_TENANT


async def set_scope(session: AsyncSession, scope: TenantScope) -> None:
    """Scope the session's transactions from now on, the one already open included."""
    session.sync_session.info[_SCOPE_KEY] = scope
    if session.in_transaction():
        await session.execute(_APPLY, scope.parameters())


async def apply_scope(connection: AsyncConnection, scope: TenantScope) -> None:
    """The same on a bare connection (scripts and tests that use no ORM session)."""
    await connection.execute(_APPLY, scope.parameters())


@event.listens_for(Session, "after_begin")
def _scope_new_transaction(session: Session, _: SessionTransaction, connection: Connection) -> None:
    scope = session.info.get(_SCOPE_KEY, NO_TENANT)
    connection.execute(_APPLY, scope.parameters())
