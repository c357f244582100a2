"""The audit log: who uploaded, exported, renamed, enrolled, deleted, invited, changed a role...
in which workspace, when, and from which client. Entries are staged in the transaction of the
change they record, so a change and its entry commit (or fail) together."""

from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from uuid import UUID

from app.core.authorization import Action, Principal, authorize
from app.models import AuditEvent
from app.repositories.audit import AuditRepository


class AuditAction(StrEnum):
    MEETING_UPLOADED = "meeting.uploaded"
    MEETING_UPDATED = "meeting.updated"
    MEETING_EXPORTED = "meeting.exported"
    MEETING_DELETED = "meeting.deleted"
    PERSON_ENROLLED = "person.enrolled"
    PERSON_DELETED = "person.deleted"
    MEMBER_INVITED = "member.invited"
    INVITATION_REVOKED = "invitation.revoked"
    MEMBER_JOINED = "member.joined"
    MEMBER_ROLE_CHANGED = "member.role_changed"
    MEMBER_REMOVED = "member.removed"
    MEMBER_LEFT = "member.left"
    OWNERSHIP_TRANSFERRED = "workspace.ownership_transferred"
    WORKSPACE_CREATED = "workspace.created"
    WORKSPACE_RENAMED = "workspace.renamed"
    API_KEY_CREATED = "api_key.created"
    API_KEY_REVOKED = "api_key.revoked"


@dataclass(frozen=True)
class ClientInfo:
    """Where a request came from (the client's address behind a trusted proxy)."""

    ip: str | None
    user_agent: str | None


class AuditLog:
    def __init__(self, repository: AuditRepository, client: ClientInfo) -> None:
        self._repository = repository
        self._client = client

    def record(
        self,
        principal: Principal,
        workspace_id: UUID,
        action: AuditAction,
        target: tuple[str, UUID | str] | None = None,
        **details: Any,
    ) -> None:
        self._repository.add(
            AuditEvent(
                workspace_id=workspace_id,
                actor_id=principal.user_id,
                actor_email=principal.email,
                api_key_id=principal.api_key_id,
                action=action.value,
                target_type=target[0] if target else None,
                target_id=str(target[1]) if target else None,
                details=details,
                client_ip=self._client.ip,
                user_agent=(self._client.user_agent or "")[:300] or None,
            )
        )

    async def save(self) -> None:
        """Commit what was recorded, for changes that live outside PostgreSQL (the voice bank)."""
        await self._repository.commit()

    async def page(
        self, principal: Principal, workspace_id: UUID, offset: int, limit: int
    ) -> tuple[list[AuditEvent], int]:
        authorize(principal, Action.READ_AUDIT, workspace_id, "workspace")
        return await self._repository.page(workspace_id, offset, limit)
