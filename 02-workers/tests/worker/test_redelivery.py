"""A worker killed in the middle of a job: the job is redelivered to the next worker and completes."""

from pathlib import Path

from scribe_contracts import Bucket, MeetingEventKind, ProcessingStage
from scribe_devstack import RedisServer, S3Server
from scribe_runtime import ObjectStore

from tests.worker.conftest import WorkerProcess, meeting_client, worker_env

# The redelivery window must exceed the job timeout (the settings refuse otherwise); both are
# small here so the test waits seconds, not the production 4 hours.
JOB_TIMEOUT_S = "60"
IDLE_TIMEOUT_S = "61"


async def test_killed_worker_job_is_redelivered_and_completes(
    redis_server: RedisServer, s3_server: S3Server, object_store: ObjectStore, short_speech: Path, tmp_path: Path
) -> None:
    redis_url = redis_server.url.rsplit("/", 1)[0] + "/1"  # its own database: no other test's worker
    worker_tmp = tmp_path / "jobs"
    env = worker_env(
        redis_url, s3_server, worker_tmp, JOB_TIMEOUT_S=JOB_TIMEOUT_S, BROKER_IDLE_TIMEOUT_S=IDLE_TIMEOUT_S
    )

    async with meeting_client(redis_url, object_store) as client:
        keys = await client.upload(short_speech.read_bytes())
        first = WorkerProcess(env, tmp_path / "first.log")
        first.start()
        try:
            await client.kick(keys)
            await client.wait_for(
                keys.meeting_id, lambda events: any(e.stage is ProcessingStage.DIARIZATION for e in events), first
            )
        finally:
            first.kill()
        seen = len(await client.events(keys.meeting_id))
        assert list(worker_tmp.iterdir()), "the killed worker should have left its job folder behind"

        second = WorkerProcess(env, tmp_path / "second.log")
        second.start()
        try:
            events = await client.wait_until_done(keys.meeting_id, second, after=seen, timeout_s=150)
        finally:
            second.stop()

    assert events[-1].kind is MeetingEventKind.COMPLETED, events[-1].message
    assert object_store.get_json(Bucket.PROCESSED, keys.transcript) is not None
    assert list(worker_tmp.iterdir()) == [], "the next worker clears what a dead one left behind"
