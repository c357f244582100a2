"""The one answer to "may this principal do this action in this workspace?".

Every service asks `authorize` before it acts; no route or service compares roles itself. A
workspace the principal has no role in is answered like a missing resource (404), so another
tenant's IDs reveal nothing; a role too low for the action is a 403 that says what is needed.
Row-level security in PostgreSQL is the second lock: even a query that forgot its filter only
sees the principal's workspaces.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from uuid import UUID

from app.core.errors import Forbidden, NotFound
from app.core.security import SessionClaims


class Role(StrEnum):
    VIEWER = "viewer"
    MEMBER = "member"
    ADMIN = "admin"
    OWNER = "owner"

    @property
    def rank(self) -> int:
        return _RANKS[self]

    def at_least(self, other: "Role") -> bool:
        return self.rank >= other.rank


_RANKS = {Role.VIEWER: 0, Role.MEMBER: 1, Role.ADMIN: 2, Role.OWNER: 3}


class Action(StrEnum):
    READ = "read"
    """Meetings, transcripts, audio, the voice bank's people, the member list."""
    EXPORT = "export"
    UPLOAD = "upload"
    EDIT_TRANSCRIPT = "edit_transcript"
    """Titles, speaker names."""
    ENROLL = "enroll"
    """Add a person or a voice sample to the voice bank."""
    DELETE_MEETING = "delete_meeting"
    MANAGE_VOICE_BANK = "manage_voice_bank"
    """Delete people from the voice bank."""
    MANAGE_MEMBERS = "manage_members"
    """Invite, change roles, remove members."""
    READ_AUDIT = "read_audit"
    MANAGE_WORKSPACE = "manage_workspace"
    """Rename or delete the workspace, transfer its ownership."""


REQUIRED_ROLE: Mapping[Action, Role] = {
    Action.READ: Role.VIEWER,
    Action.EXPORT: Role.VIEWER,
    Action.UPLOAD: Role.MEMBER,
    Action.EDIT_TRANSCRIPT: Role.MEMBER,
    Action.ENROLL: Role.MEMBER,
    Action.DELETE_MEETING: Role.ADMIN,
    Action.MANAGE_VOICE_BANK: Role.ADMIN,
    Action.MANAGE_MEMBERS: Role.ADMIN,
    Action.READ_AUDIT: Role.ADMIN,
    Action.MANAGE_WORKSPACE: Role.OWNER,
}


@dataclass(frozen=True)
class Principal:
    """Who a request acts for: a user's session, or one of their API keys (one workspace, a role
    no higher than the user's own there)."""

    user_id: UUID
    email: str
    roles: Mapping[UUID, Role]
    """Workspace → effective role: every workspace this principal may act in, and nothing else."""
    personal_workspace_id: UUID | None
    api_key_id: UUID | None = None
    session: SessionClaims | None = field(default=None, compare=False)
    """The session token's claims (None for an API key): what logout revokes."""

    @property
    def workspace_ids(self) -> frozenset[UUID]:
        return frozenset(self.roles)

    def role_in(self, workspace_id: UUID) -> Role | None:
        return self.roles.get(workspace_id)

    def default_workspace(self) -> UUID:
        """Where a request that names no workspace acts: an API key's, else the personal one."""
        if self.api_key_id is not None or self.personal_workspace_id is None:
            return next(iter(self.roles))
        return self.personal_workspace_id


def authorize(principal: Principal, action: Action, workspace_id: UUID, what: str = "resource") -> Role:
    """The principal's role in the workspace, if it allows `action`; else NotFound or Forbidden."""
    role = principal.role_in(workspace_id)
    if role is None:
        raise NotFound(f"{what} not found")
    needed = REQUIRED_ROLE[action]
    if not role.at_least(needed):
        raise Forbidden(
            f"your role in this workspace ({role}) does not allow this; it needs {needed} or above",
            {"role": role.value, "required": needed.value, "action": action.value},
        )
    return role


def may_assign(actor: Role, current: Role | None, wanted: Role) -> bool:
    """Whether an actor may give a member (now `current`, None for a newcomer) the role `wanted`:
    admins manage roles up to admin; only owners touch owners or make new ones."""
    if not actor.at_least(Role.ADMIN):
        return False
    ceiling = actor if actor is Role.OWNER else Role.ADMIN
    return wanted.rank <= ceiling.rank and (current is None or current.rank <= ceiling.rank)
