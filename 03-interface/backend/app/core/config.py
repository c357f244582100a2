"""The API's settings: one typed object read from the environment (and the repository's `.env`)."""

import ipaddress
from enum import StrEnum
from pathlib import Path
from typing import Self

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from scribe_runtime import env_file

_PLACEHOLDERS = ("changethis", "change-me", "changeme", "secret", "test", "minioadmin", "password")


class Environment(StrEnum):
    LOCAL = "local"
    TEST = "test"
    PRODUCTION = "production"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=env_file(), env_file_encoding="utf-8", extra="ignore")

    environment: Environment = Environment.LOCAL
    log_level: str = "INFO"
    # Swagger UI, ReDoc and /openapi.json: served unless ENVIRONMENT=production (then only when true).
    api_docs_enabled: bool | None = None
    # The API's connection, as the application role (row-level security applies to it).
    database_url: str = "postgresql+asyncpg://scribe_app:changethis@127.0.0.1:5432/scribe"
    # The migrations' connection, as the tables' owner; unset: DATABASE_URL (local set-ups only).
    migration_database_url: str | None = None
    # The role the migrations create and grant for the API (DATABASE_URL's user), and its password.
    database_app_role: str = Field(default="scribe_app", pattern=r"^[a-z_][a-z0-9_]{0,62}$")
    database_app_password: str | None = None
    redis_url: str = "redis://127.0.0.1:6379/0"

    s3_endpoint_url: str | None = "http://127.0.0.1:9000"
    s3_access_key: str = "minioadmin"
    s3_secret_key: str = "minioadmin"
    s3_region: str = "us-east-1"
    s3_presign_expire_seconds: int = Field(default=3600, ge=60)

    jwt_secret: str = "changethis"
    jwt_algorithm: str = "HS256"
    jwt_expire_minutes: int = Field(default=60 * 24, ge=1)
    # Session tokens name who they are for and who issued them; a token for anything else is refused.
    jwt_audience: str = "smart-meeting-scribe-api"
    jwt_issuer: str = "smart-meeting-scribe"
    # Single-use invitation links: how long they stay valid by default, and where they point.
    invitation_expire_days: int = Field(default=7, ge=1, le=90)
    web_base_url: str = "http://localhost:3000"
    # Invitation e-mails; without SMTP_HOST the link is only shown to the admin who invites.
    smtp_host: str | None = None
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_from: str = "Smart Meeting Scribe <no-reply@localhost>"
    smtp_starttls: bool = True

    password_hash_memory_kib: int = Field(default=19 * 1024, ge=8 * 1024)
    password_hash_time_cost: int = Field(default=2, ge=1)
    password_hash_parallelism: int = Field(default=1, ge=1)

    max_upload_bytes: int = Field(default=4 * 1024**3, ge=1024)
    # TrueType fonts of the PDF export (Debian's fonts-dejavu-core and fonts-wqy-microhei).
    pdf_font_regular: Path = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf_font_bold: Path = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
    # Tried in order for characters the regular font lacks (CJK); an empty list means none.
    pdf_font_fallback: list[Path] = Field(
        default_factory=lambda: [Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")]
    )
    # A voice sample's conversion (FFmpeg) that runs longer is stopped and the request refused.
    ffmpeg_timeout_s: float = Field(default=120.0, gt=0)
    # A meeting in `processing` whose last event is older than this is marked failed (worker died).
    stale_after_seconds: int = Field(default=2 * 3600, ge=10)
    stale_check_interval_seconds: float = Field(default=60.0, gt=0)
    events_consumer_name: str = "api"
    cors_origins: list[str] = Field(default_factory=lambda: ["http://localhost:3000"])
    # Proxies (addresses or networks) whose X-Forwarded-For is believed: the audit log and the rate
    # limits then see the client's address instead of the proxy's. Empty: the connection's peer.
    trusted_proxies: list[str] = Field(default_factory=list)

    @field_validator("trusted_proxies")
    @classmethod
    def _networks(cls, proxies: list[str]) -> list[str]:
        for proxy in proxies:
            try:
                ipaddress.ip_network(proxy, strict=False)
            except ValueError as error:
                raise ValueError(f"TRUSTED_PROXIES: {proxy!r} is not an IP address or network") from error
        return proxies

    @model_validator(mode="after")
    def _no_placeholder_secrets_in_production(self) -> Self:
        if self.environment is not Environment.PRODUCTION:
            return self
        suspicious = {
            "JWT_SECRET": self.jwt_secret,
            "S3_ACCESS_KEY": self.s3_access_key,
            "S3_SECRET_KEY": self.s3_secret_key,
            "DATABASE_URL password": _database_password(self.database_url),
        }
        if self.database_app_password is not None:  # only the migrations need it
            suspicious["DATABASE_APP_PASSWORD"] = self.database_app_password
        bad = [name for name, value in suspicious.items() if _is_placeholder(value)]
        if bad:
            raise ValueError(f"placeholder secrets are refused in production: {', '.join(bad)}")
        if len(self.jwt_secret) < 32:
            raise ValueError("JWT_SECRET must be at least 32 characters in production")
        return self

    @property
    def docs_enabled(self) -> bool:
        if self.api_docs_enabled is None:
            return self.environment is not Environment.PRODUCTION
        return self.api_docs_enabled


def _database_password(url: str) -> str:
    credentials = url.split("://", 1)[-1].split("@", 1)[0] if "@" in url else ""
    return credentials.split(":", 1)[1] if ":" in credentials else ""


def _is_placeholder(value: str) -> bool:
    return not value or value.lower() in _PLACEHOLDERS
