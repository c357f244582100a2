"""What the worker leaves behind for a meeting, produced for tests: its S3 results and its events.

This is test data in the worker's real formats (contracts), published over the real Redis stream
and written to the real S3 endpoint — not a stand-in for the API's own components.
"""

import json
import subprocess
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx
import redis
from scribe_contracts import (
    MEETING_EVENTS_STREAM,
    MeetingEvent,
    MeetingEventKind,
    MeetingKeys,
    ModelsUsed,
    ProcessingStage,
    SpeakerSummary,
    TranscriptDocument,
    TranscriptSegment,
    TranscriptWord,
)

from tests.conftest import Headers, eventually, shared_audio

# jfk.flac split between two labels, SPEAKER_01's first turn overlapping SPEAKER_00's end.
TURNS = [
    {"start": 0.3, "end": 5.0, "speaker": "SPEAKER_00"},
    {"start": 4.0, "end": 10.5, "speaker": "SPEAKER_01"},
]


def transcript_for(meeting_id: UUID) -> TranscriptDocument:
    def segment(speaker: str, start: float, end: float, text: str) -> TranscriptSegment:
        words = [TranscriptWord(word=w, start=start, end=end, probability=0.9, speaker=speaker) for w in text.split()]
        return TranscriptSegment(speaker=speaker, start=start, end=end, text=text, words=words)

    return TranscriptDocument(
        meeting_id=meeting_id,
        language="en",
        duration_s=11.0,
        speakers=[SpeakerSummary(label="SPEAKER_00", speech_s=4.7), SpeakerSummary(label="SPEAKER_01", speech_s=6.5)],
        segments=[
            segment("SPEAKER_00", 0.3, 4.0, "And so my fellow Americans,"),
            segment("SPEAKER_01", 5.0, 10.5, "ask not what your country can do for you."),
        ],
        models=ModelsUsed(
            diarization="pyannote/speaker-diarization-3.1",
            embedding="wespeaker",
            transcription="faster-whisper-small",
            device="cpu",
        ),
    )


def playback_mp3(folder: Path) -> bytes:
    target = folder / "audio.mp3"
    if not target.exists():
        subprocess.run(
            [
                "ffmpeg",
                "-v",
                "error",
                "-y",
                "-i",
                str(shared_audio("jfk.flac")),
                "-ac",
                "1",
                "-b:a",
                "48k",
                str(target),
            ],
            check=True,
        )
    return target.read_bytes()


def publish(redis_client: redis.Redis, event: MeetingEvent) -> None:
    fields: Any = event.to_stream_fields()
    redis_client.xadd(MEETING_EVENTS_STREAM, fields)


def event(meeting: dict[str, Any], kind: MeetingEventKind, **values: Any) -> MeetingEvent:
    return MeetingEvent(meeting_id=meeting["id"], workspace_id=meeting["workspace_id"], kind=kind, **values)


async def upload_recording(
    client: httpx.AsyncClient, headers: Headers, name: str = "jfk.flac", **form: str
) -> dict[str, Any]:
    path = shared_audio(name)
    response = await client.post(
        "/api/v1/process/", headers=headers, data=form, files={"file": (path.name, path.read_bytes())}
    )
    assert response.status_code == 202, response.text
    meeting = await client.get(f"/api/v1/meetings/{response.json()['meeting_id']}", headers=headers)
    return dict(meeting.json())


async def wait_for_status(client: httpx.AsyncClient, headers: Headers, meeting_id: str, status: str) -> dict[str, Any]:
    found: dict[str, Any] = {}

    async def reached() -> bool:
        found.update((await client.get(f"/api/v1/meetings/{meeting_id}", headers=headers)).json())
        return found.get("status") == status

    await eventually(reached)
    return found


async def process_like_the_worker(
    client: httpx.AsyncClient, headers: Headers, s3: Any, redis_client: redis.Redis, folder: Path
) -> dict[str, Any]:
    """Upload jfk.flac, then store the results and publish the events a finished job leaves."""
    meeting = await upload_recording(client, headers, title="JFK")
    keys = MeetingKeys(workspace_id=meeting["workspace_id"], meeting_id=meeting["id"])
    publish(redis_client, event(meeting, MeetingEventKind.PROGRESS, stage=ProcessingStage.DIARIZATION, percent=20))
    s3.put_object(
        Bucket="processed",
        Key=keys.diarization,
        Body=json.dumps({"speakers": ["SPEAKER_00", "SPEAKER_01"], "turns": TURNS, "exclusive_turns": TURNS}).encode(),
    )
    s3.put_object(Bucket="processed", Key=keys.playback_audio, Body=playback_mp3(folder), ContentType="audio/mpeg")
    s3.put_object(
        Bucket="processed", Key=keys.transcript, Body=transcript_for(UUID(meeting["id"])).model_dump_json().encode()
    )
    publish(
        redis_client,
        event(meeting, MeetingEventKind.COMPLETED, duration_s=11.0, processing_s=3.2, language="en", num_speakers=2),
    )
    return await wait_for_status(client, headers, meeting["id"], "completed")
