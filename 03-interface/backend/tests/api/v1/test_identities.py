"""The voice bank: enroll from an upload or from a meeting's speaker, list, read, delete."""

import io
import subprocess
import wave
from pathlib import Path
from typing import Any

import httpx
import redis
from scribe_contracts import IdentityKeys

from tests.conftest import Headers, shared_audio
from tests.worker_output import process_like_the_worker, upload_recording


def wav_info(data: bytes) -> tuple[int, int, int, float]:
    with wave.open(io.BytesIO(data)) as wav:
        return wav.getframerate(), wav.getnchannels(), wav.getsampwidth(), wav.getnframes() / wav.getframerate()


async def enroll(
    client: httpx.AsyncClient, headers: Headers, name: str, sample: bytes, filename: str = "voice.flac"
) -> httpx.Response:
    return await client.post(
        "/api/v1/identities", headers=headers, data={"name": name}, files={"sample": (filename, sample)}
    )


async def test_enroll_stores_a_16k_mono_sample_and_profile(client: httpx.AsyncClient, alice: Headers, s3: Any) -> None:
    response = await enroll(client, alice, "John F. Kennedy", shared_audio("jfk.flac").read_bytes())
    assert response.status_code == 201, response.text
    person = response.json()
    [sample] = person["samples"]
    assert sample["source"] == "upload"
    assert 10.5 < sample["duration_s"] < 11.5
    keys = IdentityKeys(workspace_id=person["workspace_id"], person_id=person["person_id"])
    stored = s3.get_object(Bucket="identity-bank", Key=keys.sample(sample["sample_id"]))["Body"].read()
    assert wav_info(stored)[:3] == (16000, 1, 2)
    profile = s3.get_object(Bucket="identity-bank", Key=keys.profile)["Body"].read()
    assert b"John F. Kennedy" in profile


async def test_list_get_and_delete(client: httpx.AsyncClient, alice: Headers, s3: Any) -> None:
    voice = shared_audio("jfk.flac").read_bytes()
    zoe = (await enroll(client, alice, "Zoe", voice)).json()
    ada = (await enroll(client, alice, "ada", voice)).json()
    listed = (await client.get("/api/v1/identities", headers=alice)).json()["items"]
    assert [p["name"] for p in listed] == ["ada", "Zoe"]
    assert (await client.get(f"/api/v1/identities/{zoe['person_id']}", headers=alice)).json()["name"] == "Zoe"
    assert (await client.delete(f"/api/v1/identities/{zoe['person_id']}", headers=alice)).status_code == 204
    assert (await client.get(f"/api/v1/identities/{zoe['person_id']}", headers=alice)).status_code == 404
    remaining = [item["Key"] for item in s3.list_objects_v2(Bucket="identity-bank").get("Contents", [])]
    assert remaining
    assert all(ada["person_id"] in key for key in remaining)


async def test_bad_samples_are_refused(client: httpx.AsyncClient, alice: Headers, tmp_path: Path, s3: Any) -> None:
    short = tmp_path / "short.wav"
    subprocess.run(["ffmpeg", "-v", "error", "-i", str(shared_audio("jfk.flac")), "-t", "1", str(short)], check=True)
    too_short = await enroll(client, alice, "Short", short.read_bytes(), "short.wav")
    garbage = await enroll(client, alice, "Garbage", b"this is not audio at all" * 100, "x.wav")
    empty = await enroll(client, alice, "Empty", b"", "x.wav")
    nameless = await enroll(client, alice, "", shared_audio("jfk.flac").read_bytes())
    for response in (too_short, garbage, empty, nameless):
        assert response.status_code == 422, response.text
    assert "at least 2 s" in too_short.json()["error"]["message"]
    assert s3.list_objects_v2(Bucket="identity-bank").get("KeyCount", 0) == 0


async def test_enroll_a_meeting_speaker_uses_only_their_clean_speech(
    client: httpx.AsyncClient, alice: Headers, s3: Any, redis_client: redis.Redis, tmp_path: Path
) -> None:
    meeting = await process_like_the_worker(client, alice, s3, redis_client, tmp_path)
    url = f"/api/v1/meetings/{meeting['id']}/speakers/SPEAKER_00/enroll"
    created = await client.post(url, headers=alice, json={"name": "John"})
    assert created.status_code == 201, created.text
    person = created.json()
    [sample] = person["samples"]
    assert sample["source"] == f"meeting:{meeting['id']}:SPEAKER_00"
    assert 3.4 < sample["duration_s"] < 4.0  # 0.3-5.0 s minus the overlap from 4.0 s
    extended = await client.post(
        f"/api/v1/meetings/{meeting['id']}/speakers/SPEAKER_01/enroll",
        headers=alice,
        json={"person_id": person["person_id"]},
    )
    assert [s["duration_s"] > 5 for s in extended.json()["samples"]] == [False, True]
    renamed = (await client.get(f"/api/v1/meetings/{meeting['id']}", headers=alice)).json()["speaker_names"]
    assert renamed["SPEAKER_00"] == {"name": "John", "person_id": person["person_id"]}


async def test_enroll_errors(
    client: httpx.AsyncClient, alice: Headers, s3: Any, redis_client: redis.Redis, tmp_path: Path
) -> None:
    queued = await upload_recording(client, alice)
    not_ready = await client.post(
        f"/api/v1/meetings/{queued['id']}/speakers/SPEAKER_00/enroll", headers=alice, json={"name": "x"}
    )
    assert not_ready.status_code == 409
    meeting = await process_like_the_worker(client, alice, s3, redis_client, tmp_path)
    base = f"/api/v1/meetings/{meeting['id']}/speakers"
    unknown_label = await client.post(f"{base}/SPEAKER_09/enroll", headers=alice, json={"name": "x"})
    both = await client.post(f"{base}/SPEAKER_00/enroll", headers=alice, json={"name": "x", "person_id": queued["id"]})
    unknown_person = await client.post(f"{base}/SPEAKER_00/enroll", headers=alice, json={"person_id": queued["id"]})
    assert (unknown_label.status_code, both.status_code, unknown_person.status_code) == (404, 422, 404)


async def test_another_user_gets_404_for_every_identity(
    client: httpx.AsyncClient, alice: Headers, bob: Headers
) -> None:
    person = (await enroll(client, alice, "Ada", shared_audio("jfk.flac").read_bytes())).json()
    url = f"/api/v1/identities/{person['person_id']}"
    assert (await client.get(url, headers=bob)).status_code == 404
    assert (await client.delete(url, headers=bob)).status_code == 404
    assert (await client.get("/api/v1/identities", headers=bob)).json()["items"] == []
    assert (await client.get(url, headers=alice)).status_code == 200
