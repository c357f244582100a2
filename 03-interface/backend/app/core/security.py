"""Password hashing (argon2) and JWT access tokens."""

from datetime import UTC, datetime, timedelta
from uuid import UUID

from jose import JWTError, jwt
from passlib.context import CryptContext

from app.core.errors import NotAuthenticated

_passwords = CryptContext(schemes=["argon2"], deprecated="auto")
# Verified when the e-mail is unknown, so a failed login costs the same either way.
_DUMMY_HASH = _passwords.hash("not-a-real-password")


def hash_password(password: str) -> str:
    return _passwords.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    if password_hash is None:
        _passwords.verify(password, _DUMMY_HASH)
        return False
    return _passwords.verify(password, password_hash)


class TokenCodec:
    def __init__(self, secret: str, algorithm: str, expire_minutes: int) -> None:
        self._secret = secret
        self._algorithm = algorithm
        self._expire = timedelta(minutes=expire_minutes)

    @property
    def expire_seconds(self) -> int:
        return int(self._expire.total_seconds())

    def issue(self, user_id: UUID) -> str:
        claims = {"sub": str(user_id), "exp": datetime.now(UTC) + self._expire}
        return str(jwt.encode(claims, self._secret, algorithm=self._algorithm))

    def subject(self, token: str) -> UUID:
        try:
            claims = jwt.decode(token, self._secret, algorithms=[self._algorithm])
            return UUID(str(claims["sub"]))
        except (JWTError, KeyError, ValueError) as error:
            raise NotAuthenticated("invalid or expired token") from error
