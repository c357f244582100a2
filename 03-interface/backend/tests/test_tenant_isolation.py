"""A workspace's meeting, voice bank and exports are invisible from any other workspace, and its
objects live under its own prefix in every bucket (the unit of isolation, listing and deletion)."""

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis
from scribe_contracts import Bucket, IdentityKeys, MeetingKeys

from tests.conftest import (
    Headers,
    create_workspace,
    in_workspace,
    join,
    owner_rows,
    register,
    s3_keys,
    shared_audio,
)
from tests.worker_output import process_like_the_worker


async def enroll(client: httpx.AsyncClient, headers: Headers, name: str) -> dict[str, Any]:
    sample = ("v.flac", shared_audio("jfk.flac").read_bytes())
    response = await client.post("/api/v1/identities", headers=headers, data={"name": name}, files={"sample": sample})
    assert response.status_code == 201, response.text
    return dict(response.json())


@pytest.fixture
async def two_teams(
    client: httpx.AsyncClient, alice: Headers, bob: Headers, s3: Any, redis_client: redis.Redis, tmp_path: Path
) -> dict[str, Any]:
    """Team A (Alice, owner; Carol, member) and team B (Bob, owner), each with a processed meeting
    and a person in its voice bank."""
    carol = await register(client, "carol@example.com")
    team_a = await create_workspace(client, alice, "A")
    await join(client, alice, team_a, carol, "carol@example.com", "member")
    team_b = await create_workspace(client, bob, "B")
    a_folder, b_folder = tmp_path / "a", tmp_path / "b"
    a_folder.mkdir()
    b_folder.mkdir()
    return {
        "a": team_a,
        "b": team_b,
        "carol": carol,
        "a_meeting": await process_like_the_worker(client, in_workspace(alice, team_a), s3, redis_client, a_folder),
        "b_meeting": await process_like_the_worker(client, in_workspace(bob, team_b), s3, redis_client, b_folder),
        "a_person": await enroll(client, in_workspace(alice, team_a), "Ada of A"),
        "b_person": await enroll(client, in_workspace(bob, team_b), "Bea of B"),
    }


async def test_every_object_lives_under_its_workspaces_prefix(
    client: httpx.AsyncClient, alice: Headers, two_teams: dict[str, Any], s3: Any
) -> None:
    """Uploads, worker results, playback audio and voice samples of each team are all keyed
    `{workspace}/...`; the audio link a member gets points into their workspace's prefix."""
    a, b = two_teams["a"], two_teams["b"]
    for team, meeting, person in (
        (a, two_teams["a_meeting"], two_teams["a_person"]),
        (b, two_teams["b_meeting"], two_teams["b_person"]),
    ):
        meeting_prefix = MeetingKeys(workspace_id=team, meeting_id=meeting["id"]).prefix
        person_prefix = IdentityKeys(workspace_id=team, person_id=person["person_id"]).prefix
        assert s3_keys(s3, Bucket.UPLOADS, f"{team}/") == [f"{meeting_prefix}source"]
        assert {key.rsplit("/", 1)[1] for key in s3_keys(s3, Bucket.PROCESSED, f"{team}/")} >= {
            "transcript.json",
            "diarization.json",
            "audio.mp3",
        }
        assert all(key.startswith(meeting_prefix) for key in s3_keys(s3, Bucket.PROCESSED, f"{team}/"))
        assert all(key.startswith(person_prefix) for key in s3_keys(s3, Bucket.IDENTITY_BANK, f"{team}/"))
        assert s3_keys(s3, Bucket.IDENTITY_BANK, f"{team}/")
    everything = [key for bucket in Bucket for key in s3_keys(s3, bucket)]
    assert all(key.split("/", 1)[0] in (a, b) for key in everything), everything
    link = (await client.get(f"/api/v1/meetings/{two_teams['a_meeting']['id']}/audio", headers=alice)).json()
    assert f"/{a}/{two_teams['a_meeting']['id']}/" in link["url"]


async def test_another_workspaces_member_reaches_no_meeting_voice_or_export(
    client: httpx.AsyncClient, bob: Headers, two_teams: dict[str, Any], s3: Any
) -> None:
    """Bob owns B and knows A's IDs: A's transcript, audio and every export format are 404 to him,
    A's voice bank is 404 whichever workspace he names, and his own bank lists only B's person."""
    a, b = two_teams["a"], two_teams["b"]
    meeting, person = two_teams["a_meeting"]["id"], two_teams["a_person"]["person_id"]
    as_b = in_workspace(bob, b)
    refused = [
        await client.get(f"/api/v1/meetings/{meeting}/transcript", headers=as_b),
        await client.get(f"/api/v1/meetings/{meeting}/audio", headers=as_b, params={"redirect": "true"}),
        *[
            await client.get(f"/api/v1/meetings/{meeting}/export", headers=as_b, params={"format": fmt})
            for fmt in ("txt", "srt", "vtt", "json", "docx", "pdf")
        ],
        await client.get("/api/v1/identities", headers=in_workspace(bob, a)),
        await client.get(f"/api/v1/identities/{person}", headers=in_workspace(bob, a)),
        await client.get(f"/api/v1/identities/{person}", headers=as_b),
        await client.delete(f"/api/v1/identities/{person}", headers=as_b),
        await client.delete(f"/api/v1/identities/{person}", headers=in_workspace(bob, a)),
    ]
    for response in refused:
        assert response.status_code == 404, (response.request.url, response.text)
        assert "Ada of A" not in response.text
    listed = (await client.get("/api/v1/identities", headers=as_b)).json()["items"]
    assert [p["name"] for p in listed] == ["Bea of B"]
    assert s3_keys(s3, Bucket.IDENTITY_BANK, IdentityKeys(workspace_id=a, person_id=person).profile)


async def test_a_foreign_person_id_in_a_body_writes_nothing_into_the_other_bank(
    client: httpx.AsyncClient, bob: Headers, two_teams: dict[str, Any], s3: Any, owner_database_url: str
) -> None:
    """Bob enrolls a speaker of his own meeting 'into' A's person by id: the person is looked up in
    B's bank only (404), so A's profile keeps its one sample and no object appears under A."""
    a, b = two_teams["a"], two_teams["b"]
    person = two_teams["a_person"]
    before = {bucket: s3_keys(s3, bucket, f"{a}/") for bucket in Bucket}
    sneaky = await client.post(
        f"/api/v1/meetings/{two_teams['b_meeting']['id']}/speakers/SPEAKER_00/enroll",
        headers=in_workspace(bob, b),
        json={"person_id": person["person_id"]},
    )
    assert sneaky.status_code == 404, sneaky.text
    assert {bucket: s3_keys(s3, bucket, f"{a}/") for bucket in Bucket} == before
    key = IdentityKeys(workspace_id=a, person_id=person["person_id"]).profile
    profile = json.loads(s3.get_object(Bucket=Bucket.IDENTITY_BANK, Key=key)["Body"].read())
    assert len(profile["samples"]) == 1
    [(names,)] = await owner_rows(
        owner_database_url, "SELECT speaker_names FROM meetings WHERE id = :id", id=two_teams["b_meeting"]["id"]
    )
    assert names == {}


async def test_a_member_sees_the_teams_bank_and_exports_in_that_team_only(
    client: httpx.AsyncClient, two_teams: dict[str, Any]
) -> None:
    """Carol, a member of A, exports A's meeting and lists A's bank, but acting in her personal
    workspace she sees neither, and B's stay 404."""
    carol = two_teams["carol"]
    in_a = in_workspace(carol, two_teams["a"])
    export = await client.get(f"/api/v1/meetings/{two_teams['a_meeting']['id']}/export", headers=in_a)
    assert export.status_code == 200
    assert b"ask not" in export.content
    assert [p["name"] for p in (await client.get("/api/v1/identities", headers=in_a)).json()["items"]] == ["Ada of A"]
    assert (await client.get("/api/v1/identities", headers=carol)).json()["items"] == []
    assert (await client.get("/api/v1/meetings", headers=carol)).json()["total"] == 0
    b_export = await client.get(f"/api/v1/meetings/{two_teams['b_meeting']['id']}/export", headers=in_a)
    assert b_export.status_code == 404
