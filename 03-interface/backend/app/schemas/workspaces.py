"""Bodies of the workspace, member, invitation, API-key and audit endpoints."""

from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from app.core.authorization import Role
from app.models import WorkspaceKind
from app.schemas.auth import EMAIL_PATTERN
from app.schemas.common import PersonName, PlainText


class WorkspaceOut(BaseModel):
    id: UUID
    name: str
    kind: WorkspaceKind
    role: Role = Field(description="Your role in it")
    created_at: datetime


class WorkspaceList(BaseModel):
    items: list[WorkspaceOut]


class WorkspaceCreate(BaseModel):
    name: PersonName = Field(examples=["Lyon office"])


class WorkspaceRename(BaseModel):
    name: PersonName


class MemberOut(BaseModel):
    user_id: UUID
    email: str
    display_name: str | None
    role: Role
    joined_at: datetime


class MemberList(BaseModel):
    items: list[MemberOut]


class RoleChange(BaseModel):
    role: Role


class OwnershipTransfer(BaseModel):
    user_id: UUID = Field(description="The member who becomes an owner; you stay on as an admin")


class InvitationCreate(BaseModel):
    email: PlainText = Field(pattern=EMAIL_PATTERN, max_length=320, examples=["colleague@example.com"])
    role: Role = Role.MEMBER
    expires_in_days: int | None = Field(default=None, ge=1, le=90, description="Default: INVITATION_EXPIRE_DAYS")


class InvitationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: UUID
    workspace_id: UUID
    email: str
    role: Role
    created_at: datetime
    expires_at: datetime


class InvitationCreated(InvitationOut):
    token: str = Field(description="The single-use secret; shown once")
    link: str = Field(description="The link to send (shown once): it opens the invitation in the web app")
    emailed: bool = Field(description="Whether it was also sent by e-mail (SMTP configured)")


class InvitationList(BaseModel):
    items: list[InvitationOut]


class InvitationPreview(BaseModel):
    """What an invitation link shows before it is accepted."""

    workspace_id: UUID
    workspace_name: str
    email: str
    role: Role
    expires_at: datetime


class ApiKeyCreate(BaseModel):
    name: PersonName = Field(examples=["nightly export script"])
    workspace_id: UUID
    role: Role = Field(default=Role.MEMBER, description="At most your own role in the workspace")
    expires_in_days: int | None = Field(default=None, ge=1, le=3650, description="Default: never")


class ApiKeyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: UUID
    name: str
    workspace_id: UUID
    role: Role
    prefix: str
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None


class ApiKeyCreated(ApiKeyOut):
    token: str = Field(description="`Authorization: Bearer <token>`; shown once, stored only hashed")


class ApiKeyList(BaseModel):
    items: list[ApiKeyOut]


class AuditEventOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: UUID
    action: str
    actor_id: UUID | None
    actor_email: str | None
    api_key_id: UUID | None
    target_type: str | None
    target_id: str | None
    details: dict[str, Any]
    client_ip: str | None
    user_agent: str | None
    created_at: datetime


class AuditPage(BaseModel):
    items: list[AuditEventOut]
    total: int
    offset: int
    limit: int
