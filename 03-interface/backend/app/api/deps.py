"""Dependencies injected into the routes, as `Annotated` aliases.

One database session per request, shared by every dependency of that request: resolving the
principal scopes it (row-level security) before any route touches a row.
"""

import ipaddress
from collections.abc import AsyncIterator
from typing import Annotated
from uuid import UUID

from fastapi import Depends, Header, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.ext.asyncio import AsyncSession

from app.clients.sessions import SessionRevocations
from app.clients.storage import ObjectStorage
from app.core.authorization import Principal
from app.core.config import Settings
from app.core.errors import NotAuthenticated, NotFound
from app.repositories.api_keys import ApiKeyRepository
from app.repositories.audit import AuditRepository
from app.repositories.invitations import InvitationRepository
from app.repositories.meetings import MeetingRepository
from app.repositories.workspaces import WorkspaceRepository
from app.resources import Resources
from app.services.api_keys import ApiKeyService
from app.services.audit import AuditLog, ClientInfo
from app.services.auth import AuthService
from app.services.exports import PdfFonts
from app.services.identities import IdentityService
from app.services.invitations import InvitationService
from app.services.meetings import MeetingService
from app.services.processing import ProcessingService
from app.services.workspaces import WorkspaceService

_bearer = HTTPBearer(
    auto_error=False,
    description="A session token from POST /api/v1/auth/login, or an API key (`sms_...`) from POST /api/v1/api-keys",
)


def get_resources(request: Request) -> Resources:
    resources: Resources = request.app.state.resources
    return resources


ResourcesDep = Annotated[Resources, Depends(get_resources)]


def get_settings(resources: ResourcesDep) -> Settings:
    return resources.settings


def get_storage(resources: ResourcesDep) -> ObjectStorage:
    return resources.storage


async def get_session(resources: ResourcesDep) -> AsyncIterator[AsyncSession]:
    async with resources.sessions() as session:
        yield session


SettingsDep = Annotated[Settings, Depends(get_settings)]
StorageDep = Annotated[ObjectStorage, Depends(get_storage)]
SessionDep = Annotated[AsyncSession, Depends(get_session)]


def get_auth_service(session: SessionDep, resources: ResourcesDep) -> AuthService:
    return AuthService(session, resources.tokens, resources.passwords, SessionRevocations(resources.redis))


AuthServiceDep = Annotated[AuthService, Depends(get_auth_service)]


async def get_principal(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)], auth: AuthServiceDep
) -> Principal:
    if credentials is None:
        raise NotAuthenticated("send `Authorization: Bearer <session token or API key>`")
    return await auth.principal(credentials.credentials)


CurrentPrincipal = Annotated[Principal, Depends(get_principal)]


def get_workspace(
    principal: CurrentPrincipal,
    workspace: Annotated[
        UUID | None,
        Header(
            alias="X-Workspace-Id",
            description="The workspace to act in; default: the API key's, else your personal workspace",
        ),
    ] = None,
) -> UUID:
    chosen = workspace or principal.default_workspace()
    if principal.role_in(chosen) is None:
        raise NotFound("workspace not found")
    return chosen


CurrentWorkspace = Annotated[UUID, Depends(get_workspace)]


def client_info(request: Request, settings: SettingsDep) -> ClientInfo:
    """The client's address: the connection's peer, or, when that peer is a trusted proxy, the
    last address in X-Forwarded-For that no trusted proxy added."""
    peer = request.client.host if request.client else None
    trusted = [ipaddress.ip_network(network, strict=False) for network in settings.trusted_proxies]

    def is_trusted(address: str | None) -> bool:
        try:
            return address is not None and any(ipaddress.ip_address(address) in net for net in trusted)
        except ValueError:
            return False

    address = peer
    if is_trusted(peer):
        hops = [hop.strip() for hop in request.headers.get("x-forwarded-for", "").split(",") if hop.strip()]
        while hops and is_trusted(address):
            address = hops.pop()
    try:
        ip = str(ipaddress.ip_address(address)) if address else None
    except ValueError:
        ip = None
    return ClientInfo(ip=ip, user_agent=request.headers.get("user-agent"))


ClientDep = Annotated[ClientInfo, Depends(client_info)]


def get_audit(session: SessionDep, client: ClientDep) -> AuditLog:
    return AuditLog(AuditRepository(session), client)


AuditDep = Annotated[AuditLog, Depends(get_audit)]


def get_meeting_service(session: SessionDep, storage: StorageDep, audit: AuditDep) -> MeetingService:
    return MeetingService(MeetingRepository(session), storage, audit)


def get_processing_service(session: SessionDep, resources: ResourcesDep, audit: AuditDep) -> ProcessingService:
    return ProcessingService(
        MeetingRepository(session),
        resources.storage,
        resources.dispatcher,
        resources.settings.max_upload_bytes,
        audit,
    )


MeetingServiceDep = Annotated[MeetingService, Depends(get_meeting_service)]


def get_identity_service(
    storage: StorageDep, meetings: MeetingServiceDep, settings: SettingsDep, audit: AuditDep
) -> IdentityService:
    return IdentityService(storage, meetings, settings.ffmpeg_timeout_s, audit)


ProcessingServiceDep = Annotated[ProcessingService, Depends(get_processing_service)]
IdentityServiceDep = Annotated[IdentityService, Depends(get_identity_service)]


def get_workspace_service(session: SessionDep, storage: StorageDep, audit: AuditDep) -> WorkspaceService:
    return WorkspaceService(session, WorkspaceRepository(session), storage, audit)


def get_invitation_service(session: SessionDep, resources: ResourcesDep, audit: AuditDep) -> InvitationService:
    settings = resources.settings
    return InvitationService(
        session,
        InvitationRepository(session),
        WorkspaceRepository(session),
        audit,
        resources.mailer,
        settings.web_base_url,
        settings.invitation_expire_days,
    )


def get_api_key_service(session: SessionDep, audit: AuditDep) -> ApiKeyService:
    return ApiKeyService(ApiKeyRepository(session), audit)


WorkspaceServiceDep = Annotated[WorkspaceService, Depends(get_workspace_service)]
InvitationServiceDep = Annotated[InvitationService, Depends(get_invitation_service)]
ApiKeyServiceDep = Annotated[ApiKeyService, Depends(get_api_key_service)]


def get_pdf_fonts(settings: SettingsDep) -> PdfFonts:
    return PdfFonts(settings.pdf_font_regular, settings.pdf_font_bold, tuple(settings.pdf_font_fallback))


PdfFontsDep = Annotated[PdfFonts, Depends(get_pdf_fonts)]
