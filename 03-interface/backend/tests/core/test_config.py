"""Production refuses placeholder secrets; other environments accept the development defaults."""

from typing import Any

import pytest
from pydantic import ValidationError

from app.core.config import Environment, Settings

STRONG: dict[str, Any] = {
    "jwt_secret": "k" * 48,
    "s3_access_key": "scribe-prod-access",
    "s3_secret_key": "a-long-random-s3-secret",
    "database_url": "postgresql+asyncpg://scribe:S3cure-Passw0rd@db:5432/scribe",
}


def test_production_with_real_secrets_starts() -> None:
    assert Settings(environment=Environment.PRODUCTION, **STRONG).environment is Environment.PRODUCTION


@pytest.mark.parametrize(
    ("field", "placeholder", "named"),
    [
        ("jwt_secret", "changethis", "JWT_SECRET"),
        ("s3_access_key", "minioadmin", "S3_ACCESS_KEY"),
        ("s3_secret_key", "change-me", "S3_SECRET_KEY"),
        ("database_url", "postgresql+asyncpg://scribe:changethis@db:5432/scribe", "DATABASE_URL password"),
    ],
)
def test_production_refuses_each_placeholder(field: str, placeholder: str, named: str) -> None:
    with pytest.raises(ValidationError, match=named):
        Settings(environment=Environment.PRODUCTION, **{**STRONG, field: placeholder})


def test_production_refuses_a_short_jwt_secret() -> None:
    with pytest.raises(ValidationError, match="at least 32"):
        Settings(environment=Environment.PRODUCTION, **{**STRONG, "jwt_secret": "short-but-not-a-placeholder"})


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAX_UPLOAD_BYTES", "123456")
    monkeypatch.setenv("JWT_EXPIRE_MINUTES", "5")
    settings = Settings()
    assert (settings.max_upload_bytes, settings.jwt_expire_minutes) == (123456, 5)
