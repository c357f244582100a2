"""A real worker process (`taskiq worker ...`) on the test Redis and S3, and a client that kicks
jobs by task name as the API does, then follows the meeting's events on the Redis stream."""

import asyncio
import os
import subprocess
import sys
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import pytest
from redis.asyncio import Redis
from scribe_contracts import (
    MEETING_EVENTS_STREAM,
    TASK_PROCESS_MEETING,
    TASK_QUEUE_NAME,
    Bucket,
    MeetingEvent,
    MeetingEventKind,
    MeetingKeys,
    ProcessMeetingPayload,
)
from scribe_devstack import RedisServer, S3Server, worker_command
from scribe_devstack.process import spawn, terminate_group
from scribe_runtime import ObjectStore
from taskiq import AsyncBroker
from taskiq.kicker import AsyncKicker
from taskiq_redis import RedisStreamBroker

WORKER_ROOT = Path(__file__).resolve().parents[2]
JOB_WAIT_S = 600.0  # generous: a loaded 2-core machine runs the models several times slower


@dataclass
class WorkerProcess:
    """`taskiq worker` as production runs it, in its own process group."""

    env: dict[str, str]
    log_path: Path
    process: subprocess.Popen[bytes] | None = field(default=None, init=False)

    def start(self) -> None:
        argv = [*worker_command(Path(sys.executable).with_name("taskiq")), "--shutdown-timeout", "2"]
        self.process = spawn(argv, self.log_path, env={**self.env, "PYTHONPATH": str(WORKER_ROOT)})

    def stop(self) -> None:
        """A grace period, then SIGKILL: an idle stream worker may ignore SIGTERM (machine notes)."""
        if self.process is not None:
            terminate_group(self.process.pid, grace_s=3.0)
            self.process.wait(timeout=10)
            self.process = None

    def kill(self) -> None:
        """What an OOM killer or a pulled plug does: no cleanup, no acknowledgement."""
        if self.process is not None:
            terminate_group(self.process.pid, grace_s=0.0)
            self.process.wait(timeout=10)
            self.process = None

    def log_tail(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:] if self.log_path.exists() else ""


def worker_env(redis_url: str, s3: S3Server, tmp_dir: Path, **extra: str) -> dict[str, str]:
    env = {
        "ENVIRONMENT": "test",
        "REDIS_URL": redis_url,
        "S3_ENDPOINT_URL": s3.endpoint_url,
        "S3_ACCESS_KEY": "test",
        "S3_SECRET_KEY": "test",
        "TMP_DIR": str(tmp_dir),
        "HF_HUB_OFFLINE": "1",
        "PYANNOTE_METRICS_ENABLED": "false",
        "PROGRESS_INTERVAL_S": "0.5",
        "LOG_LEVEL": "INFO",
        "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "2"),
    }
    return {**env, **extra}


@pytest.fixture(scope="module")
def short_speech(shared_audio: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first four seconds of jfk.flac ("And so, my fellow Americans"): real speech, a quick job."""
    path = tmp_path_factory.mktemp("speech") / "speech.wav"
    subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-i", str(shared_audio / "jfk.flac"), "-t", "4", str(path)], check=True
    )
    return path


@pytest.fixture(scope="module")
def worker_tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("worker-tmp")


@pytest.fixture(scope="module")
def worker(
    redis_server: RedisServer, s3_server: S3Server, worker_tmp: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[WorkerProcess]:
    """One worker for the module: models load once and stay warm across its jobs."""
    process = WorkerProcess(
        worker_env(redis_server.url, s3_server, worker_tmp), tmp_path_factory.mktemp("worker-log") / "worker.log"
    )
    process.start()
    yield process
    process.stop()


@dataclass
class MeetingClient:
    """Kicks jobs the way the API does (by task name, never importing the worker) and reads events."""

    broker: AsyncBroker
    redis: "Redis"
    store: ObjectStore

    async def upload(self, data: bytes) -> MeetingKeys:
        keys = MeetingKeys(workspace_id=uuid4(), meeting_id=uuid4())
        await asyncio.to_thread(self.store.put_bytes, Bucket.UPLOADS, keys.upload, data, "application/octet-stream")
        return keys

    async def kick(self, keys: MeetingKeys, task_name: str = TASK_PROCESS_MEETING, **payload: Any) -> None:
        body = ProcessMeetingPayload(
            meeting_id=keys.meeting_id, workspace_id=keys.workspace_id, requested_by=uuid4(), **payload
        )
        await AsyncKicker(task_name=task_name, broker=self.broker, labels={}).kiq(body.model_dump(mode="json"))

    async def events(self, meeting_id: UUID) -> list[MeetingEvent]:
        entries: Any = await self.redis.xrange(MEETING_EVENTS_STREAM)
        parsed = (MeetingEvent.from_stream_fields(fields) for _, fields in entries)
        return [event for event in parsed if event.meeting_id == meeting_id]

    async def wait_for(
        self,
        meeting_id: UUID,
        done: Callable[[list[MeetingEvent]], bool],
        worker: WorkerProcess,
        after: int = 0,
        timeout_s: float = JOB_WAIT_S,
    ) -> list[MeetingEvent]:
        """The meeting's events (but the first `after`) as soon as `done` holds for them."""
        deadline = asyncio.get_running_loop().time() + timeout_s
        events = (await self.events(meeting_id))[after:]
        while not done(events):
            if asyncio.get_running_loop().time() > deadline:
                pytest.fail(f"meeting {meeting_id}: not there in {timeout_s:.0f} s; worker log:\n{worker.log_tail()}")
            await asyncio.sleep(0.2)
            events = (await self.events(meeting_id))[after:]
        return events

    async def wait_until_done(
        self, meeting_id: UUID, worker: WorkerProcess, after: int = 0, timeout_s: float = JOB_WAIT_S
    ) -> list[MeetingEvent]:
        """The meeting's events once a terminal one (`completed`/`failed`) arrives."""
        return await self.wait_for(
            meeting_id,
            lambda events: bool(events) and events[-1].kind is not MeetingEventKind.PROGRESS,
            worker,
            after,
            timeout_s,
        )


@asynccontextmanager
async def meeting_client(redis_url: str, store: ObjectStore) -> AsyncIterator[MeetingClient]:
    broker = RedisStreamBroker(url=redis_url, queue_name=TASK_QUEUE_NAME)
    await broker.startup()
    redis = Redis.from_url(redis_url)
    try:
        yield MeetingClient(broker, redis, store)
    finally:
        await redis.aclose()
        await broker.shutdown()


@pytest.fixture
async def client(redis_server: RedisServer, object_store: ObjectStore) -> AsyncIterator[MeetingClient]:
    async with meeting_client(redis_server.url, object_store) as made:
        yield made
