"""Accounts and who a request acts for: registration (with a personal workspace), login, logout,
password change, and turning a bearer credential (session token or API key) into a Principal."""

from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.clients.sessions import SessionRevocations
from app.core.authorization import Principal
from app.core.errors import Conflict, Forbidden, NotAuthenticated, WrongPassword
from app.core.security import PasswordHasher, TokenCodec, digest_of
from app.core.tenancy import TenantScope, set_scope
from app.models import User, Workspace, WorkspaceKind, utcnow
from app.repositories.api_keys import ApiKeyRepository, KeyGrant
from app.repositories.users import UserRepository
from app.repositories.workspaces import WorkspaceRepository
from app.schemas.auth import PasswordChange, RegisterRequest, Token

API_KEY_KIND = "sms"
PERSONAL_WORKSPACE_NAME = "Personal"
# A key's last use is written at most this often: enough for "used 3 minutes ago", not a write per call.
_LAST_USED_RESOLUTION = timedelta(minutes=1)


class AuthService:
    def __init__(
        self,
        session: AsyncSession,
        tokens: TokenCodec,
        passwords: PasswordHasher,
        revocations: SessionRevocations,
    ) -> None:
        self._session = session
        self._users = UserRepository(session)
        self._workspaces = WorkspaceRepository(session)
        self._keys = ApiKeyRepository(session)
        self._tokens = tokens
        self._passwords = passwords
        self._revocations = revocations

    async def register(self, request: RegisterRequest) -> User:
        """The account and its personal workspace, in one transaction."""
        user = User(
            id=uuid4(),
            email=request.email,
            password_hash=await self._passwords.hash(request.password),
            display_name=request.display_name,
        )
        workspace = Workspace(id=uuid4(), name=PERSONAL_WORKSPACE_NAME, kind=WorkspaceKind.PERSONAL, created_by=user.id)
        await set_scope(self._session, TenantScope.of(user.id, {workspace.id}))
        try:
            await self._users.add(user)
            await self._workspaces.add(workspace, owner_id=user.id)
            await self._session.commit()
        except IntegrityError as error:
            await self._session.rollback()
            raise Conflict("an account with this e-mail already exists") from error
        return user

    async def login(self, email: str, password: str) -> Token:
        user = await self._users.by_email(email.strip().lower())
        # Unknown e-mail: a dummy hash is verified anyway, so both failures take the same time.
        if not await self._passwords.verify(password, user.password_hash if user else None) or user is None:
            raise NotAuthenticated("incorrect e-mail or password")
        return self._token_for(user)

    async def principal(self, credential: str) -> Principal:
        """Who `credential` acts for; the session is scoped to their workspaces from here on."""
        if credential.startswith(f"{API_KEY_KIND}_"):
            return await self._key_principal(credential)
        return await self._session_principal(credential)

    async def logout(self, principal: Principal) -> None:
        """End this session now: its token is refused from here on, wherever it was copied to."""
        if principal.session is None:
            raise NotAuthenticated("an API key is not a session: revoke the key instead")
        await self._revocations.revoke(principal.session.session_id, principal.session.expires_at)

    async def change_password(self, principal: Principal, change: PasswordChange) -> Token:
        """A new password ends every other session (and API keys stay: they are revoked one by one)."""
        if principal.api_key_id is not None:
            raise Forbidden("an API key cannot change its user's password: sign in with the password")
        user = await self._user(principal.user_id)
        if not await self._passwords.verify(change.current_password, user.password_hash):
            raise WrongPassword("the current password is not correct")
        user.password_hash = await self._passwords.hash(change.new_password)
        user.token_version += 1
        await self._session.commit()
        if principal.session is not None:
            await self._revocations.revoke(principal.session.session_id, principal.session.expires_at)
        return self._token_for(user)

    def _token_for(self, user: User) -> Token:
        return Token(
            access_token=self._tokens.issue(user.id, user.token_version), expires_in=self._tokens.expire_seconds
        )

    async def _session_principal(self, token: str) -> Principal:
        claims = self._tokens.decode(token)
        if await self._revocations.is_revoked(claims.session_id):
            raise NotAuthenticated("this session has ended (logged out)")
        user = await self._user(claims.user_id)
        if user.token_version != claims.token_version:
            raise NotAuthenticated("this session has ended (the password was changed)")
        await set_scope(self._session, TenantScope.of(user.id))
        roles = await self._workspaces.roles_of(user.id)
        await set_scope(self._session, TenantScope.of(user.id, roles))
        personal = await self._workspaces.personal_of(user.id)
        return Principal(
            user_id=user.id,
            email=user.email,
            roles=roles,
            personal_workspace_id=personal.id if personal else None,
            session=claims,
        )

    async def _key_principal(self, token: str) -> Principal:
        grant = await self._keys.by_digest(digest_of(token))
        now = datetime.now(UTC)
        if grant is None or grant.revoked_at is not None or (grant.expires_at and grant.expires_at <= now):
            raise NotAuthenticated("this API key is unknown, revoked or expired")
        user = await self._user(grant.user_id)
        await set_scope(self._session, TenantScope.of(user.id))
        member_role = (await self._workspaces.roles_of(user.id)).get(grant.workspace_id)
        if member_role is None:
            raise NotAuthenticated("this API key's workspace is no longer the user's")
        # Never more than the user has now: a demoted user's keys are demoted with them.
        role = min(grant.role, member_role, key=lambda r: r.rank)
        await set_scope(self._session, TenantScope.of(user.id, {grant.workspace_id}))
        await self._touch(grant, now)
        return Principal(
            user_id=user.id,
            email=user.email,
            roles={grant.workspace_id: role},
            personal_workspace_id=None,
            api_key_id=grant.key_id,
        )

    async def _touch(self, grant: KeyGrant, now: datetime) -> None:
        key = await self._keys.get(grant.key_id)
        if key is not None and (key.last_used_at is None or now - key.last_used_at > _LAST_USED_RESOLUTION):
            key.last_used_at = utcnow()
            await self._keys.commit()

    async def _user(self, user_id: UUID) -> User:
        user = await self._users.by_id(user_id)
        if user is None:
            raise NotAuthenticated("the account of this credential no longer exists")
        return user
