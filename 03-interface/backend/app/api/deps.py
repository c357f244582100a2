"""Dependencies injected into the routes, as `Annotated` aliases."""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.ext.asyncio import AsyncSession

from app.clients.storage import ObjectStorage
from app.core.config import Settings
from app.models import User
from app.repositories.meetings import MeetingRepository
from app.repositories.users import UserRepository
from app.resources import Resources
from app.services.auth import AuthService
from app.services.exports import PdfFonts
from app.services.identities import IdentityService
from app.services.meetings import MeetingService
from app.services.processing import ProcessingService

_bearer = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/login")


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
    return AuthService(UserRepository(session), resources.tokens, resources.passwords)


AuthServiceDep = Annotated[AuthService, Depends(get_auth_service)]


async def get_current_user(token: Annotated[str, Depends(_bearer)], auth: AuthServiceDep) -> User:
    return await auth.user_for_token(token)


CurrentUser = Annotated[User, Depends(get_current_user)]


def get_meeting_service(session: SessionDep, storage: StorageDep) -> MeetingService:
    return MeetingService(MeetingRepository(session), storage)


def get_processing_service(session: SessionDep, resources: ResourcesDep) -> ProcessingService:
    return ProcessingService(
        MeetingRepository(session), resources.storage, resources.dispatcher, resources.settings.max_upload_bytes
    )


MeetingServiceDep = Annotated[MeetingService, Depends(get_meeting_service)]


def get_identity_service(storage: StorageDep, meetings: MeetingServiceDep, settings: SettingsDep) -> IdentityService:
    return IdentityService(storage, meetings, settings.ffmpeg_timeout_s)


ProcessingServiceDep = Annotated[ProcessingService, Depends(get_processing_service)]
IdentityServiceDep = Annotated[IdentityService, Depends(get_identity_service)]


def get_pdf_fonts(settings: SettingsDep) -> PdfFonts:
    return PdfFonts(settings.pdf_font_regular, settings.pdf_font_bold, tuple(settings.pdf_font_fallback))


PdfFontsDep = Annotated[PdfFonts, Depends(get_pdf_fonts)]
