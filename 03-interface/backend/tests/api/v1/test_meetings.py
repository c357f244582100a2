"""Meetings: list, read, rename speakers, transcript, audio, exports, delete — for the owner only."""

import io
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis
from docx import Document
from scribe_contracts import MeetingKeys

from tests.conftest import Headers
from tests.worker_output import process_like_the_worker, upload_recording


@pytest.fixture
async def processed(
    client: httpx.AsyncClient, alice: Headers, s3: Any, redis_client: redis.Redis, tmp_path: Path
) -> dict[str, Any]:
    return await process_like_the_worker(client, alice, s3, redis_client, tmp_path)


async def test_list_is_newest_first_and_paginated(client: httpx.AsyncClient, alice: Headers) -> None:
    first = await upload_recording(client, alice, title="first")
    second = await upload_recording(client, alice, "hotwords.mp3", title="second")
    page = (await client.get("/api/v1/meetings", headers=alice, params={"limit": 1})).json()
    assert page["total"] == 2
    assert [m["id"] for m in page["items"]] == [second["id"]]
    rest = (await client.get("/api/v1/meetings", headers=alice, params={"offset": 1, "limit": 1})).json()
    assert [m["id"] for m in rest["items"]] == [first["id"]]


async def test_bad_pagination_is_a_validation_error(client: httpx.AsyncClient, alice: Headers) -> None:
    response = await client.get("/api/v1/meetings", headers=alice, params={"limit": 0})
    assert response.status_code == 422


async def test_processed_meeting_shows_its_results(processed: dict[str, Any]) -> None:
    assert processed["status"] == "completed"
    assert processed["progress"] == 100.0
    assert processed["duration_s"] == 11.0
    assert processed["num_speakers"] == 2
    assert processed["error"] is None


async def test_transcript_applies_the_speaker_renames(
    client: httpx.AsyncClient, alice: Headers, processed: dict[str, Any], s3: Any
) -> None:
    url = f"/api/v1/meetings/{processed['id']}"
    renamed = await client.patch(
        url,
        headers=alice,
        json={"title": "Inaugural address", "speaker_names": {"SPEAKER_01": {"name": "John F. Kennedy"}}},
    )
    assert renamed.status_code == 200, renamed.text
    assert renamed.json()["title"] == "Inaugural address"
    transcript = (await client.get(f"{url}/transcript", headers=alice)).json()
    assert [s["person"] for s in transcript["segments"]] == [None, "John F. Kennedy"]
    assert {s["label"]: s["person"] for s in transcript["speakers"]}["SPEAKER_01"] == "John F. Kennedy"
    keys = MeetingKeys(workspace_id=processed["workspace_id"], meeting_id=processed["id"])
    stored = json.loads(s3.get_object(Bucket="processed", Key=keys.transcript)["Body"].read())
    assert stored["segments"][1]["person"] is None  # the worker's JSON is left as written
    removed = await client.patch(url, headers=alice, json={"speaker_names": {"SPEAKER_01": None}})
    assert removed.json()["speaker_names"] == {}


async def test_patch_refuses_bad_values(client: httpx.AsyncClient, alice: Headers, processed: dict[str, Any]) -> None:
    url = f"/api/v1/meetings/{processed['id']}"
    assert (await client.patch(url, headers=alice, json={"title": ""})).status_code == 422
    assert (await client.patch(url, headers=alice, json={"speaker_names": {"": {"name": "x"}}})).status_code == 422


async def test_transcript_of_an_unprocessed_meeting_is_not_found(client: httpx.AsyncClient, alice: Headers) -> None:
    meeting = await upload_recording(client, alice)
    response = await client.get(f"/api/v1/meetings/{meeting['id']}/transcript", headers=alice)
    assert response.status_code == 404
    assert response.json()["error"]["details"] == {"status": "queued"}


async def test_audio_is_the_playback_mp3_with_range_support(
    client: httpx.AsyncClient, alice: Headers, processed: dict[str, Any]
) -> None:
    link = (await client.get(f"/api/v1/meetings/{processed['id']}/audio", headers=alice)).json()
    assert link["source"] == "playback"
    async with httpx.AsyncClient() as plain:
        ranged = await plain.get(link["url"], headers={"Range": "bytes=0-99"})
    assert ranged.status_code == 206
    assert len(ranged.content) == 100
    redirect = await client.get(f"/api/v1/meetings/{processed['id']}/audio", headers=alice, params={"redirect": "true"})
    assert redirect.status_code == 302
    assert redirect.headers["location"].startswith("http")


async def test_audio_before_processing_is_the_original_upload(client: httpx.AsyncClient, alice: Headers) -> None:
    meeting = await upload_recording(client, alice)
    link = (await client.get(f"/api/v1/meetings/{meeting['id']}/audio", headers=alice)).json()
    assert (link["source"], link["content_type"]) == ("original", "audio/flac")
    async with httpx.AsyncClient() as plain:
        assert (await plain.get(link["url"])).content[:4] == b"fLaC"


@pytest.mark.parametrize(
    ("export_format", "marker"),
    [
        ("txt", b"John F. Kennedy: ask not"),
        ("srt", b"00:00:05,000 --> 00:00:10,500\nJohn F. Kennedy: ask not"),
        ("vtt", b"WEBVTT"),
        ("json", b'"person": "John F. Kennedy"'),
        ("pdf", b"%PDF"),
        ("docx", b"PK"),
    ],
)
async def test_exports_carry_speaker_names(
    client: httpx.AsyncClient, alice: Headers, processed: dict[str, Any], export_format: str, marker: bytes
) -> None:
    url = f"/api/v1/meetings/{processed['id']}"
    await client.patch(url, headers=alice, json={"speaker_names": {"SPEAKER_01": {"name": "John F. Kennedy"}}})
    response = await client.get(f"{url}/export", headers=alice, params={"format": export_format})
    assert response.status_code == 200, response.text
    assert marker in response.content
    assert response.headers["content-disposition"].endswith(f'.{export_format}"')
    if export_format == "docx":
        text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
        assert "John F. Kennedy: ask not" in text


async def test_unknown_export_format_is_refused(
    client: httpx.AsyncClient, alice: Headers, processed: dict[str, Any]
) -> None:
    response = await client.get(f"/api/v1/meetings/{processed['id']}/export", headers=alice, params={"format": "xls"})
    assert response.status_code == 422


async def test_delete_removes_the_row_and_every_object(
    client: httpx.AsyncClient, alice: Headers, processed: dict[str, Any], s3: Any
) -> None:
    response = await client.delete(f"/api/v1/meetings/{processed['id']}", headers=alice)
    assert response.status_code == 204
    prefix = MeetingKeys(workspace_id=processed["workspace_id"], meeting_id=processed["id"]).prefix
    for bucket in ("uploads", "processed"):
        assert s3.list_objects_v2(Bucket=bucket, Prefix=prefix).get("KeyCount", 0) == 0
    assert (await client.get(f"/api/v1/meetings/{processed['id']}", headers=alice)).status_code == 404


async def test_another_user_gets_404_for_every_meeting_resource(
    client: httpx.AsyncClient, alice: Headers, bob: Headers, processed: dict[str, Any]
) -> None:
    url = f"/api/v1/meetings/{processed['id']}"
    attempts = [
        client.get(url, headers=bob),
        client.patch(url, headers=bob, json={"title": "mine now"}),
        client.get(f"{url}/transcript", headers=bob),
        client.get(f"{url}/audio", headers=bob),
        client.get(f"{url}/export", headers=bob, params={"format": "txt"}),
        client.post(f"{url}/speakers/SPEAKER_00/enroll", headers=bob, json={"name": "Spy"}),
        client.get(f"/api/v1/process/status/{processed['task_id']}", headers=bob),
        client.delete(url, headers=bob),
    ]
    for attempt in attempts:
        response = await attempt
        assert response.status_code == 404, (response.request.method, response.request.url)
    assert (await client.get("/api/v1/meetings", headers=bob)).json()["total"] == 0
    assert (await client.get(url, headers=alice)).json()["title"] == "JFK"
