"""The worker's settings: one pydantic-settings object read from the environment (and the
repository's `.env`, see scribe_runtime.env_file).

Environment variables (the platform's common names, no prefix):
  ENVIRONMENT                 local | test | production (production refuses placeholder secrets)
  REDIS_URL                   the job stream and the meeting events stream
  S3_ENDPOINT_URL, S3_ACCESS_KEY, S3_SECRET_KEY, S3_REGION
  TMP_DIR                     where per-job working folders are made (removed after each job)
  JOB_TIMEOUT_S               a job running longer is cancelled and the meeting fails (default 4 h)
  BROKER_IDLE_TIMEOUT_S       an unacknowledged job is handed to another worker after this long;
                              must exceed JOB_TIMEOUT_S (default JOB_TIMEOUT_S + 10 min)
  BROKER_LOCK_TIMEOUT_S       auto-release of the redelivery lock a killed worker may hold (60 s)
  EVENTS_STREAM_MAXLEN        approximate length cap of the meeting events stream
  PROGRESS_INTERVAL_S         at most one progress event per stage per this many seconds
  MAX_JOB_ATTEMPTS            deliveries of one meeting that crashed the worker before it is failed
  LOG_LEVEL
  plus the model settings documented in app/core/model_settings.py.
"""

import tempfile
from pathlib import Path
from typing import Literal, Self

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from scribe_runtime import S3Credentials, env_file

from app.core.model_settings import ModelSettings

PLACEHOLDER_SECRETS = frozenset({"", "changethis", "changeme", "minioadmin", "test", "secret", "password"})


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=env_file(), env_file_encoding="utf-8", extra="ignore")

    environment: Literal["local", "test", "production"] = "local"
    log_level: str = "INFO"

    redis_url: str = "redis://127.0.0.1:6379/0"

    s3_endpoint_url: str = "http://127.0.0.1:9000"
    s3_access_key: SecretStr = SecretStr("changethis")
    s3_secret_key: SecretStr = SecretStr("changethis")
    s3_region: str = "us-east-1"

    tmp_dir: Path = Path(tempfile.gettempdir()) / "scribe-worker"

    job_timeout_s: int = Field(default=4 * 3600, gt=0)
    broker_idle_timeout_s: int | None = Field(default=None, gt=0)
    broker_lock_timeout_s: float = Field(default=60.0, gt=0)
    events_stream_maxlen: int = Field(default=100_000, gt=0)
    progress_interval_s: float = Field(default=1.0, ge=0)
    max_job_attempts: int = Field(default=3, ge=1)

    models: ModelSettings = Field(default_factory=ModelSettings)

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.broker_idle_timeout_s is None:
            self.broker_idle_timeout_s = self.job_timeout_s + 600
        if self.broker_idle_timeout_s <= self.job_timeout_s:
            raise ValueError(
                "BROKER_IDLE_TIMEOUT_S must exceed JOB_TIMEOUT_S, or a running job is handed to a second worker"
            )
        if self.environment == "production":
            for name in ("s3_access_key", "s3_secret_key"):
                secret: SecretStr = getattr(self, name)
                if secret.get_secret_value().lower() in PLACEHOLDER_SECRETS:
                    raise ValueError(f"{name.upper()} is a placeholder; set a real secret in production")
        return self

    @property
    def idle_timeout_s(self) -> int:
        """The broker's redelivery window (resolved by the validator)."""
        assert self.broker_idle_timeout_s is not None
        return self.broker_idle_timeout_s

    @property
    def attempts_ttl_s(self) -> int:
        """How long a meeting's delivery count is kept: longer than all its redeliveries can take."""
        return self.idle_timeout_s * (self.max_job_attempts + 1)

    @property
    def s3_credentials(self) -> S3Credentials:
        return S3Credentials(
            endpoint_url=self.s3_endpoint_url,
            access_key=self.s3_access_key.get_secret_value(),
            secret_key=self.s3_secret_key.get_secret_value(),
            region=self.s3_region,
        )
