"""Registration, login and resolving a bearer token to its user."""

from app.core.errors import NotAuthenticated
from app.core.security import PasswordHasher, TokenCodec
from app.models import User
from app.repositories.users import UserRepository
from app.schemas.auth import RegisterRequest, Token


class AuthService:
    def __init__(self, users: UserRepository, tokens: TokenCodec, passwords: PasswordHasher) -> None:
        self._users = users
        self._tokens = tokens
        self._passwords = passwords

    async def register(self, request: RegisterRequest) -> User:
        return await self._users.add(request.email, await self._passwords.hash(request.password), request.display_name)

    async def login(self, email: str, password: str) -> Token:
        user = await self._users.by_email(email.strip().lower())
        # Unknown e-mail: a dummy hash is verified anyway, so both failures take the same time.
        if not await self._passwords.verify(password, user.password_hash if user else None) or user is None:
            raise NotAuthenticated("incorrect e-mail or password")
        return Token(access_token=self._tokens.issue(user.id), expires_in=self._tokens.expire_seconds)

    async def user_for_token(self, token: str) -> User:
        user = await self._users.by_id(self._tokens.subject(token))
        if user is None:
            raise NotAuthenticated("the account of this token no longer exists")
        return user
