"""The worker's events on the Redis stream reach the meeting row, idempotently; silent jobs fail."""

import asyncio
from typing import Any

import httpx
import redis
from scribe_contracts import MEETING_EVENTS_STREAM, MeetingEventKind, ProcessingStage

from app.core.config import Settings
from app.main import create_app
from tests.conftest import Headers, eventually, register, running_client
from tests.worker_output import event, publish, upload_recording, wait_for_status


async def status_of(client: httpx.AsyncClient, headers: Headers, task_id: str) -> dict[str, Any]:
    return dict((await client.get(f"/api/v1/process/status/{task_id}", headers=headers)).json())


async def test_progress_shows_the_stage_and_percent(
    client: httpx.AsyncClient, alice: Headers, redis_client: redis.Redis
) -> None:
    meeting = await upload_recording(client, alice)
    publish(redis_client, event(meeting, MeetingEventKind.PROGRESS, stage=ProcessingStage.TRANSCRIPTION, percent=62.5))
    await wait_for_status(client, alice, meeting["id"], "processing")
    status = await status_of(client, alice, meeting["task_id"])
    assert (status["stage"], status["progress"]) == ("transcription", 62.5)


async def test_failure_reason_reaches_the_status(
    client: httpx.AsyncClient, alice: Headers, redis_client: redis.Redis
) -> None:
    meeting = await upload_recording(client, alice)
    publish(redis_client, event(meeting, MeetingEventKind.FAILED, message="the file has no audio track"))
    await wait_for_status(client, alice, meeting["id"], "failed")
    assert (await status_of(client, alice, meeting["task_id"]))["error"] == "the file has no audio track"


async def test_terminal_meetings_ignore_late_progress_but_completion_replaces_failure(
    client: httpx.AsyncClient, alice: Headers, redis_client: redis.Redis
) -> None:
    meeting = await upload_recording(client, alice)
    publish(redis_client, event(meeting, MeetingEventKind.FAILED, message="worker lost"))
    publish(redis_client, event(meeting, MeetingEventKind.PROGRESS, stage=ProcessingStage.FUSION, percent=90))
    publish(redis_client, event(meeting, MeetingEventKind.COMPLETED, duration_s=11.0, num_speakers=1))
    publish(redis_client, event(meeting, MeetingEventKind.FAILED, message="stale duplicate"))
    publish(redis_client, event(meeting, MeetingEventKind.PROGRESS, stage=ProcessingStage.FUSION, percent=10))
    await eventually(lambda: _all_acknowledged(redis_client))
    final = await wait_for_status(client, alice, meeting["id"], "completed")
    assert (final["error"], final["progress"], final["duration_s"]) == (None, 100.0, 11.0)


async def _all_acknowledged(redis_client: redis.Redis) -> bool:
    groups = redis_client.xinfo_groups(MEETING_EVENTS_STREAM)
    return (
        bool(groups)
        and groups[0]["pending"] == 0
        and groups[0]["entries-read"] == redis_client.xlen(MEETING_EVENTS_STREAM)
    )


async def test_unreadable_and_foreign_events_are_skipped(
    client: httpx.AsyncClient, alice: Headers, bob: Headers, redis_client: redis.Redis
) -> None:
    meeting = await upload_recording(client, alice)
    redis_client.xadd(MEETING_EVENTS_STREAM, {"event": "{not json"})
    bobs_workspace = (await client.get("/api/v1/workspaces", headers=bob)).json()["items"][0]["id"]
    # An event naming another workspace reaches nothing: the meeting is not in it.
    publish(redis_client, event({**meeting, "workspace_id": bobs_workspace}, MeetingEventKind.FAILED, message="forged"))
    await eventually(lambda: _all_acknowledged(redis_client))
    assert (await client.get(f"/api/v1/meetings/{meeting['id']}", headers=alice)).json()["status"] == "queued"


async def test_events_published_while_no_api_runs_are_applied_when_one_starts(
    settings: Settings, redis_client: redis.Redis
) -> None:
    """Nothing is lost while the API is down: the stream keeps the entries for the consumer group."""
    async for quiet in running_client(create_app(settings, consume_events=False)):
        alice = await register(quiet, "alice@example.com")
        meeting = await upload_recording(quiet, alice)
        publish(redis_client, event(meeting, MeetingEventKind.COMPLETED, duration_s=11.0))
        await asyncio.sleep(0.5)
        assert (await quiet.get(f"/api/v1/meetings/{meeting['id']}", headers=alice)).json()["status"] == "queued"
    async for api in running_client(create_app(settings)):
        await wait_for_status(api, alice, meeting["id"], "completed")


async def test_a_silent_processing_meeting_is_marked_failed(
    settings: Settings, alice: Headers, client: httpx.AsyncClient, redis_client: redis.Redis
) -> None:
    meeting = await upload_recording(client, alice)
    publish(redis_client, event(meeting, MeetingEventKind.PROGRESS, stage=ProcessingStage.DIARIZATION, percent=5))
    await wait_for_status(client, alice, meeting["id"], "processing")
    impatient = create_app(settings.model_copy(update={"stale_after_seconds": 1, "events_consumer_name": "impatient"}))
    async for other in running_client(impatient):
        failed = await wait_for_status(other, alice, meeting["id"], "failed")
    assert "no progress from the worker" in failed["error"]
