"""Invitations: an admin invites an e-mail address with a role; the invitation yields a single-use
link (shown once, and e-mailed when SMTP is configured). The invited person opens it signed in
with that address and joins. An expired, revoked or used link says so (410)."""

from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from app.clients.mail import Mailer
from app.core.authorization import Action, Principal, authorize, may_assign
from app.core.errors import Conflict, Forbidden, Gone, NotFound
from app.core.security import digest_of, new_secret
from app.core.tenancy import scope_of, set_scope
from app.models import Invitation, Membership, Workspace, WorkspaceKind, utcnow
from app.repositories.invitations import InvitationLink, InvitationRepository
from app.repositories.workspaces import WorkspaceRepository
from app.schemas.workspaces import InvitationCreate, InvitationCreated, InvitationOut
from app.services.audit import AuditAction, AuditLog

log = structlog.get_logger()
INVITATION_KIND = "smi"


class InvitationService:
    def __init__(
        self,
        session: AsyncSession,
        invitations: InvitationRepository,
        workspaces: WorkspaceRepository,
        audit: AuditLog,
        mailer: Mailer,
        web_base_url: str,
        default_expiry_days: int,
    ) -> None:
        self._session = session
        self._invitations = invitations
        self._workspaces = workspaces
        self._audit = audit
        self._mailer = mailer
        self._web_base_url = web_base_url.rstrip("/")
        self._default_expiry = timedelta(days=default_expiry_days)

    async def invite(self, principal: Principal, workspace_id: UUID, request: InvitationCreate) -> InvitationCreated:
        actor = authorize(principal, Action.MANAGE_MEMBERS, workspace_id, "workspace")
        if not may_assign(actor, None, request.role):
            raise Forbidden(f"as {actor} you cannot invite a {request.role}")
        workspace = await self._workspaces.get(workspace_id)
        if workspace is None:
            raise NotFound("workspace not found")
        if workspace.kind is WorkspaceKind.PERSONAL:
            raise Conflict("a personal workspace is not shared: create a team workspace to invite people")
        secret = new_secret(INVITATION_KIND)
        expires_in = timedelta(days=request.expires_in_days) if request.expires_in_days else self._default_expiry
        invitation = Invitation(
            id=uuid4(),
            workspace_id=workspace_id,
            email=request.email.strip().lower(),
            role=request.role,
            token_hash=secret.digest,
            created_by=principal.user_id,
            expires_at=datetime.now(UTC) + expires_in,
        )
        self._invitations.add(invitation)
        self._audit.record(
            principal,
            workspace_id,
            AuditAction.MEMBER_INVITED,
            ("invitation", invitation.id),
            email=invitation.email,
            role=invitation.role.value,
        )
        await self._session.commit()
        link = f"{self._web_base_url}/invite/{secret.token}"
        emailed = await self._mailer.send_invitation(invitation.email, workspace.name, principal.email, link)
        return InvitationCreated(
            **InvitationOut.model_validate(invitation).model_dump(), token=secret.token, link=link, emailed=emailed
        )

    async def pending(self, principal: Principal, workspace_id: UUID) -> list[Invitation]:
        authorize(principal, Action.MANAGE_MEMBERS, workspace_id, "workspace")
        return await self._invitations.pending(workspace_id, datetime.now(UTC))

    async def revoke(self, principal: Principal, workspace_id: UUID, invitation_id: UUID) -> None:
        authorize(principal, Action.MANAGE_MEMBERS, workspace_id, "workspace")
        invitation = await self._invitations.locked(invitation_id)
        if invitation is None or invitation.workspace_id != workspace_id:
            raise NotFound("invitation not found")
        if invitation.revoked_at is None and invitation.accepted_at is None:
            invitation.revoked_at = utcnow()
            self._audit.record(principal, workspace_id, AuditAction.INVITATION_REVOKED, ("invitation", invitation_id))
            await self._session.commit()

    async def preview(self, token: str) -> InvitationLink:
        """What the link invites to; the same answers as accepting it for a link that cannot be used."""
        return self._usable(await self._invitations.by_digest(digest_of(token)))

    async def accept(self, principal: Principal, token: str) -> tuple[Workspace, Membership]:
        if principal.api_key_id is not None:
            raise Forbidden("an API key cannot accept invitations: open the link signed in")
        link = self._usable(await self._invitations.by_digest(digest_of(token)))
        if link.email != principal.email.lower():
            raise Forbidden(f"this invitation is for {link.email}: sign in with that address to accept it")
        if principal.role_in(link.workspace_id) is not None:
            raise Conflict("you are already a member of this workspace")
        # Joining: this transaction may now see and write the workspace it joins.
        await set_scope(self._session, scope_of(self._session).admitting(link.workspace_id))
        invitation = await self._invitations.locked(link.invitation_id)
        if invitation is None or invitation.accepted_at is not None or invitation.revoked_at is not None:
            raise Gone("this invitation was already used or revoked")
        invitation.accepted_at, invitation.accepted_by = utcnow(), principal.user_id
        membership = Membership(workspace_id=link.workspace_id, user_id=principal.user_id, role=link.role)
        self._workspaces.add_membership(membership)
        self._audit.record(
            principal, link.workspace_id, AuditAction.MEMBER_JOINED, ("user", principal.user_id), role=link.role.value
        )
        await self._session.commit()
        workspace = await self._workspaces.get(link.workspace_id)
        if workspace is None:  # deleted while joining
            raise Gone("this invitation's workspace no longer exists")
        return workspace, membership

    @staticmethod
    def _usable(link: InvitationLink | None) -> InvitationLink:
        if link is None:
            raise NotFound("no such invitation (check the link)")
        if link.revoked_at is not None:
            raise Gone("this invitation was revoked")
        if link.accepted_at is not None:
            raise Gone("this invitation was already used")
        if link.expires_at <= datetime.now(UTC):
            raise Gone(f"this invitation expired on {link.expires_at:%Y-%m-%d %H:%M} UTC: ask for a new one")
        return link
