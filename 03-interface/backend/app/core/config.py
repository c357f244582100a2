"""The API's settings: one typed object read from the environment (and the repository's `.env`)."""

from enum import StrEnum
from pathlib import Path
from typing import Self

from pydantic import Field, model_validator
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
    database_url: str = "postgresql+asyncpg://postgres:changethis@127.0.0.1:5432/scribe"
    redis_url: str = "redis://127.0.0.1:6379/0"

    s3_endpoint_url: str | None = "http://127.0.0.1:9000"
    s3_access_key: str = "minioadmin"
    s3_secret_key: str = "minioadmin"
    s3_region: str = "us-east-1"
    s3_presign_expire_seconds: int = Field(default=3600, ge=60)

    jwt_secret: str = "changethis"
    jwt_algorithm: str = "HS256"
    jwt_expire_minutes: int = Field(default=60 * 24, ge=1)

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
        bad = [name for name, value in suspicious.items() if _is_placeholder(value)]
        if bad:
            raise ValueError(f"placeholder secrets are refused in production: {', '.join(bad)}")
        if len(self.jwt_secret) < 32:
            raise ValueError("JWT_SECRET must be at least 32 characters in production")
        return self


def _database_password(url: str) -> str:
    credentials = url.split("://", 1)[-1].split("@", 1)[0] if "@" in url else ""
    return credentials.split(":", 1)[1] if ":" in credentials else ""


def _is_placeholder(value: str) -> bool:
    return not value or value.lower() in _PLACEHOLDERS
