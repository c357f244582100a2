"""What one worker process holds for all its jobs: settings, S3, the model manager, Redis events."""

import shutil
from dataclasses import dataclass
from pathlib import Path

from redis.asyncio import Redis
from scribe_runtime import ObjectStore

from app.core.config import Settings
from app.core.models import ModelManager
from app.services.events import EventPublisher


def clear_job_folders(tmp_dir: Path) -> None:
    """Remove job folders left by a worker that was killed (TMP_DIR belongs to one worker)."""
    tmp_dir.mkdir(parents=True, exist_ok=True)
    for leftover in tmp_dir.iterdir():
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)


@dataclass
class WorkerResources:
    settings: Settings
    store: ObjectStore
    models: ModelManager
    redis: "Redis"
    events: EventPublisher

    @classmethod
    async def create(cls, settings: Settings) -> "WorkerResources":
        redis = Redis.from_url(settings.redis_url)
        await redis.ping()  # fail at startup, not in the first job, when Redis is unreachable
        clear_job_folders(settings.tmp_dir)
        return cls(
            settings=settings,
            store=ObjectStore(settings.s3_credentials),
            models=ModelManager(),
            redis=redis,
            events=EventPublisher(redis, settings.events_stream_maxlen),
        )

    async def close(self) -> None:
        self.models.release()
        await self.redis.aclose()
