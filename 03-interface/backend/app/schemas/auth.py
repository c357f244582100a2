"""Request and response bodies of registration, login and the current user."""

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.schemas.common import PlainText

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


class Credentials(BaseModel):
    email: PlainText = Field(pattern=EMAIL_PATTERN, max_length=320, examples=["ada@example.com"])
    password: str = Field(min_length=8, max_length=128, examples=["correct horse battery"])

    @field_validator("email")
    @classmethod
    def _normalise_email(cls, email: str) -> str:
        return email.strip().lower()


class RegisterRequest(Credentials):
    display_name: PlainText | None = Field(default=None, max_length=200, examples=["Ada Lovelace"])


class LoginRequest(BaseModel):
    email: PlainText = Field(max_length=320, examples=["ada@example.com"])
    password: str = Field(max_length=128, examples=["correct horse battery"])


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
