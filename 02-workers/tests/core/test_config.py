"""The worker's settings: safe defaults, refused placeholders in production, a sane redelivery window."""

import pytest
from pydantic import ValidationError

from app.core.config import Settings


def test_redelivery_window_defaults_to_ten_minutes_beyond_the_longest_job(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOB_TIMEOUT_S", "3600")
    assert Settings().idle_timeout_s == 4200


def test_redelivery_window_shorter_than_a_job_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOB_TIMEOUT_S", "3600")
    monkeypatch.setenv("BROKER_IDLE_TIMEOUT_S", "600")
    with pytest.raises(ValidationError, match="must exceed JOB_TIMEOUT_S"):
        Settings()


def test_production_refuses_placeholder_s3_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("S3_ACCESS_KEY", "scribe-worker")
    monkeypatch.setenv("S3_SECRET_KEY", "changethis")
    with pytest.raises(ValidationError, match="S3_SECRET_KEY is a placeholder"):
        Settings()


def test_production_accepts_real_secrets_and_reads_model_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("S3_ACCESS_KEY", "scribe-worker")
    monkeypatch.setenv("S3_SECRET_KEY", "k3J9-very-long-random")
    monkeypatch.setenv("WHISPER_MODEL", "large-v3-turbo")
    settings = Settings()
    assert settings.s3_credentials.secret_key == "k3J9-very-long-random"
    assert settings.models.whisper_model == "large-v3-turbo"
