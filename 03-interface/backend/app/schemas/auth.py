"""Request and response bodies of registration, login and the current user."""

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, field_validator
from scribe_contracts import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH

from app.schemas.common import PersonName, PlainText

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


class Credentials(BaseModel):
    email: PlainText = Field(pattern=EMAIL_PATTERN, max_length=320, examples=["ada@example.com"])
    password: str = Field(
        min_length=MIN_PASSWORD_LENGTH, max_length=MAX_PASSWORD_LENGTH, examples=["correct horse battery"]
    )

    @field_validator("email")
    @classmethod
    def _normalise_email(cls, email: str) -> str:
        return email.strip().lower()


class RegisterRequest(Credentials):
    display_name: PersonName | None = None


class LoginRequest(BaseModel):
    email: PlainText = Field(max_length=320, examples=["ada@example.com"])
    password: str = Field(max_length=MAX_PASSWORD_LENGTH, examples=["correct horse battery"])


class PasswordChange(BaseModel):
    current_password: str = Field(max_length=MAX_PASSWORD_LENGTH)
    new_password: str = Field(min_length=MIN_PASSWORD_LENGTH, max_length=MAX_PASSWORD_LENGTH)


class AccountDeletion(BaseModel):
    password: str = Field(max_length=MAX_PASSWORD_LENGTH, description="The account's password, to confirm")


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int = Field(description="Seconds until the token expires")


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: UUID
    email: str
    display_name: str | None
    created_at: datetime
