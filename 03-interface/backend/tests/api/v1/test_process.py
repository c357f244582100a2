"""Uploading a recording: streamed to S3, recorded, queued — or refused with nothing left behind."""

import json
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis
from scribe_contracts import TASK_PROCESS_MEETING, TASK_QUEUE_NAME, MeetingKeys
from scribe_devstack import RedisServer, S3Server, free_port

from app.core.config import Settings
from app.main import create_app
from tests.conftest import Headers, api_key, personal_workspace, running_client, shared_audio


def queued_messages(redis_client: redis.Redis) -> list[dict[str, Any]]:
    entries: Any = redis_client.xrange(TASK_QUEUE_NAME)
    return [json.loads(fields[b"data"]) for _, fields in entries]


def objects(s3: Any, bucket: str) -> list[str]:
    return [item["Key"] for item in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]


async def upload(client: httpx.AsyncClient, headers: Headers, path: Path, **form: str) -> httpx.Response:
    return await client.post(
        "/api/v1/process/",
        headers=headers,
        data=form,
        files={"file": (path.name, path.read_bytes(), "application/octet-stream")},
    )


async def test_upload_streams_to_s3_records_and_queues(
    client: httpx.AsyncClient, alice: Headers, s3: Any, redis_client: redis.Redis
) -> None:
    recording = shared_audio("jfk.flac")
    response = await upload(client, alice, recording, title="Inaugural", language="en", num_speakers="1")
    assert response.status_code == 202, response.text
    accepted = response.json()
    meeting = (await client.get(f"/api/v1/meetings/{accepted['meeting_id']}", headers=alice)).json()
    key = MeetingKeys(workspace_id=meeting["workspace_id"], meeting_id=accepted["meeting_id"]).upload
    stored = s3.get_object(Bucket="uploads", Key=key)
    assert stored["Body"].read() == recording.read_bytes()
    assert stored["ContentType"] == "audio/flac"
    [message] = queued_messages(redis_client)
    assert message["task_name"] == TASK_PROCESS_MEETING
    assert message["task_id"] == accepted["task_id"]
    assert message["args"][0]["meeting_id"] == accepted["meeting_id"]
    assert message["args"][0]["speakers"]["exact"] == 1
    meeting = (await client.get(f"/api/v1/meetings/{accepted['meeting_id']}", headers=alice)).json()
    assert (meeting["title"], meeting["language"], meeting["status"]) == ("Inaugural", "en", "queued")
    assert meeting["size_bytes"] == recording.stat().st_size


async def test_status_of_a_queued_task(client: httpx.AsyncClient, alice: Headers) -> None:
    accepted = (await upload(client, alice, shared_audio("hotwords.mp3"))).json()
    status = await client.get(f"/api/v1/process/status/{accepted['task_id']}", headers=alice)
    assert status.status_code == 200
    assert status.json()["status"] == "queued"
    assert status.json()["meeting_id"] == accepted["meeting_id"]


async def test_a_video_is_recorded_as_video_and_queued_as_the_one_meeting_task(
    client: httpx.AsyncClient, alice: Headers, tmp_path: Path, redis_client: redis.Redis
) -> None:
    video = tmp_path / "clip.mp4"
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-f",
            "lavfi",
            "-i",
            "testsrc=duration=1:size=64x48:rate=5",
            "-i",
            str(shared_audio("jfk.flac")),
            "-t",
            "1",
            "-pix_fmt",
            "yuv420p",
            str(video),
        ],
        check=True,
    )
    response = await upload(client, alice, video)
    assert response.status_code == 202, response.text
    assert queued_messages(redis_client)[0]["task_name"] == TASK_PROCESS_MEETING
    meeting = await client.get(f"/api/v1/meetings/{response.json()['meeting_id']}", headers=alice)
    assert meeting.json()["media_kind"] == "video"


async def test_a_non_media_file_is_unsupported(
    client: httpx.AsyncClient, alice: Headers, s3: Any, tmp_path: Path
) -> None:
    fake = tmp_path / "notes.mp3"  # the name says audio, the content does not
    fake.write_text("these are meeting notes, not a recording\n" * 50)
    response = await upload(client, alice, fake)
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported_media_type"
    assert objects(s3, "uploads") == []


async def test_an_empty_file_is_refused(client: httpx.AsyncClient, alice: Headers, tmp_path: Path) -> None:
    empty = tmp_path / "empty.wav"
    empty.write_bytes(b"")
    response = await upload(client, alice, empty)
    assert response.status_code == 422
    assert "empty" in response.json()["error"]["message"]


async def test_a_form_without_file_or_with_bad_fields_is_refused(
    client: httpx.AsyncClient, alice: Headers, s3: Any, redis_client: redis.Redis
) -> None:
    no_file = await client.post("/api/v1/process/", headers=alice, data={"title": "x"}, files={"other": b"x"})
    bad_language = await upload(client, alice, shared_audio("jfk.flac"), language="not a language")
    bad_range = await upload(client, alice, shared_audio("jfk.flac"), min_speakers="4", max_speakers="2")
    not_multipart = await client.post("/api/v1/process/", headers=alice, json={"file": "x"})
    assert no_file.status_code == bad_language.status_code == bad_range.status_code == 422
    assert not_multipart.status_code == 415
    assert objects(s3, "uploads") == []  # the streamed object is removed again
    assert queued_messages(redis_client) == []
    assert (await client.get("/api/v1/meetings", headers=alice)).json()["total"] == 0


async def test_too_large_by_declared_length_is_refused_up_front(
    client: httpx.AsyncClient, alice: Headers, settings: Settings, s3: Any
) -> None:
    body = b"RIFF" + b"\0" * (settings.max_upload_bytes + 2 * 1024 * 1024)
    response = await client.post("/api/v1/process/", headers=alice, files={"file": ("big.wav", body)})
    assert response.status_code == 413
    assert objects(s3, "uploads") == []


async def test_too_large_while_streaming_removes_the_partial_object(
    client: httpx.AsyncClient, alice: Headers, settings: Settings, s3: Any
) -> None:
    """Chunked (no Content-Length): the limit is found mid-stream, after parts reached S3."""
    boundary = "scribe-test-boundary"
    wav_head = shared_audio("stereo_diarization.wav").read_bytes()[:4096]

    async def body() -> AsyncIterator[bytes]:
        yield (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.wav"\r\n'
            "Content-Type: audio/wav\r\n\r\n"
        ).encode() + wav_head
        for _ in range(settings.max_upload_bytes // (256 * 1024) + 4):
            yield b"\0" * (256 * 1024)
        yield f"\r\n--{boundary}--\r\n".encode()

    headers = {**alice, "Content-Type": f"multipart/form-data; boundary={boundary}"}
    response = await client.post("/api/v1/process/", headers=headers, content=body())
    assert response.status_code == 413, response.text
    assert objects(s3, "uploads") == []
    assert s3.list_multipart_uploads(Bucket="uploads").get("Uploads", []) == []


async def test_an_unknown_language_is_refused_at_upload_and_nothing_is_kept(
    client: httpx.AsyncClient, alice: Headers, s3: Any, redis_client: redis.Redis
) -> None:
    response = await upload(client, alice, shared_audio("jfk.flac"), language="xx")

    assert response.status_code == 422, response.text
    assert response.json()["error"]["details"][0]["loc"] == ["language"]
    assert "unknown language code 'xx'" in response.json()["error"]["details"][0]["message"]
    assert objects(s3, "uploads") == []
    assert queued_messages(redis_client) == []


def raw_upload(filename: bytes, content: bytes) -> tuple[str, bytes]:
    """A multipart body written byte for byte (clients escape what a hostile one would not)."""
    boundary = "scribe-boundary"
    body = (
        f"--{boundary}\r\n".encode()
        + b'Content-Disposition: form-data; name="file"; filename="'
        + filename
        + b'"\r\nContent-Type: application/octet-stream\r\n\r\n'
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return f"multipart/form-data; boundary={boundary}", body


@pytest.mark.parametrize(
    ("filename", "why"),
    [(b"a" * 497 + b".wav", "at most 500 characters"), (b"meet\x00ing.wav", "control characters")],
)
async def test_a_file_name_too_long_or_with_a_nul_byte_is_refused(
    client: httpx.AsyncClient, alice: Headers, s3: Any, filename: bytes, why: str
) -> None:
    content_type, body = raw_upload(filename, shared_audio("jfk.flac").read_bytes())
    response = await client.post("/api/v1/process/", headers={**alice, "Content-Type": content_type}, content=body)

    assert response.status_code == 422, response.text
    assert response.json()["error"]["details"][0]["loc"] == ["filename"]
    assert why in response.json()["error"]["details"][0]["message"]
    assert objects(s3, "uploads") == []


async def test_a_title_taken_from_the_file_name_is_its_stem_cut_to_the_title_limit(
    client: httpx.AsyncClient, alice: Headers
) -> None:
    content_type, body = raw_upload(b"x" * 400 + b".wav", shared_audio("jfk.flac").read_bytes())
    response = await client.post("/api/v1/process/", headers={**alice, "Content-Type": content_type}, content=body)

    assert response.status_code == 202, response.text
    meeting = (await client.get(f"/api/v1/meetings/{response.json()['meeting_id']}", headers=alice)).json()
    assert meeting["title"] == "x" * 300
    assert meeting["original_filename"] == "x" * 400 + ".wav"


async def test_status_of_an_unknown_task_is_not_found(client: httpx.AsyncClient, alice: Headers) -> None:
    response = await client.get("/api/v1/process/status/does-not-exist", headers=alice)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


async def test_redis_down_answers_503_and_leaves_no_meeting(
    settings: Settings, alice: Headers, s3: Any, client: httpx.AsyncClient, tmp_path: Path
) -> None:
    """A second API whose Redis dies: the upload is refused, nothing is recorded or kept in S3.
    (With an API key: a session token would be refused before, its revocation list being in Redis.)"""
    script = await api_key(client, alice, await personal_workspace(client, alice))
    redis_server = RedisServer(data_dir=tmp_path / "redis", port=free_port())
    redis_server.start()
    doomed = create_app(settings.model_copy(update={"redis_url": redis_server.url}), consume_events=False)
    async for other in running_client(doomed):
        redis_server.stop()
        response = await upload(other, script, shared_audio("jfk.flac"))
        assert response.status_code == 503, response.text
        assert response.json()["error"] == {
            "code": "queue_unavailable",
            "message": "the task queue is unavailable",
            "details": None,
        }
        assert str(redis_server.port) not in response.text
    assert objects(s3, "uploads") == []
    assert (await client.get("/api/v1/meetings", headers=alice)).json()["total"] == 0


async def test_s3_down_answers_503_and_leaves_no_meeting(
    settings: Settings, alice: Headers, client: httpx.AsyncClient, tmp_path: Path, redis_client: redis.Redis
) -> None:
    s3_server = S3Server(log_dir=tmp_path, port=free_port())
    s3_server.start()
    doomed = create_app(settings.model_copy(update={"s3_endpoint_url": s3_server.endpoint_url}), consume_events=False)
    async for other in running_client(doomed):
        s3_server.stop()
        response = await upload(other, alice, shared_audio("jfk.flac"))
        assert response.status_code == 503, response.text
        assert response.json()["error"] == {
            "code": "storage_unavailable",
            "message": "object storage is unavailable",
            "details": None,
        }
        assert str(s3_server.port) not in response.text
        assert "uploads/" not in response.text
    assert queued_messages(redis_client) == []
    assert (await client.get("/api/v1/meetings", headers=alice)).json()["total"] == 0


async def test_a_malformed_multipart_body_is_refused(client: httpx.AsyncClient, alice: Headers) -> None:
    boundary = "b0undary"
    headers = {**alice, "Content-Type": f"multipart/form-data; boundary={boundary}"}
    garbled = await client.post("/api/v1/process/", headers=headers, content=f"--{boundary}\r\nNone--{boundary}--\r\n")
    truncated = await client.post(
        "/api/v1/process/",
        headers=headers,
        content=f'--{boundary}\r\nContent-Disposition: form-data; name="file"\r\n\r\nRIFF',
    )
    assert garbled.status_code == truncated.status_code == 422
