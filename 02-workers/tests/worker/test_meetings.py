"""The processing tasks run for real: a `taskiq worker` process, real Redis, real S3, real models.

Jobs are kicked by task name like the API does, and each test follows the meeting's events on the
Redis stream until `completed` or `failed`.
"""

import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from uuid import uuid4

import jiwer
import numpy as np
import pyannote.audio
import pytest
from scipy.optimize import linear_sum_assignment
from scribe_contracts import (
    LEGACY_TASK_NAMES,
    Bucket,
    DiarizationDocument,
    MeetingEventKind,
    MeetingKeys,
    ProcessingStage,
    TranscriptDocument,
    TranscriptionDocument,
)
from scribe_runtime import ObjectStore

from tests.worker.conftest import MeetingClient, WorkerProcess

SAMPLE_DIR = Path(pyannote.audio.__file__).parent / "sample"


def ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", *args], check=True)


def result_keys(keys: MeetingKeys) -> list[str]:
    return sorted([keys.transcript, keys.diarization, keys.transcription, keys.playback_audio])


def stored_transcript(store: ObjectStore, keys: MeetingKeys) -> TranscriptDocument:
    return TranscriptDocument.model_validate(store.get_json(Bucket.PROCESSED, keys.transcript))


def reference_turns(rttm: Path) -> list[tuple[float, float, str]]:
    turns = []
    for line in rttm.read_text().splitlines():
        fields = line.split()
        start, duration = float(fields[3]), float(fields[4])
        turns.append((start, start + duration, fields[7]))
    return turns


def word_attribution_accuracy(transcript: TranscriptDocument, turns: list[tuple[float, float, str]]) -> float:
    """Share of words (spoken where exactly one reference speaker talks) given to the right speaker,
    under the best one-to-one mapping of diarization labels to reference speakers."""
    pairs = []
    for segment in transcript.segments:
        for word in segment.words:
            middle = (word.start + word.end) / 2
            speaking = {speaker for start, end, speaker in turns if start <= middle <= end}
            if len(speaking) == 1:
                pairs.append((word.speaker, speaking.pop()))
    hypotheses = sorted({h for h, _ in pairs})
    references = sorted({r for _, r in pairs})
    counts = np.zeros((len(hypotheses), len(references)))
    for hypothesis, reference in pairs:
        counts[hypotheses.index(hypothesis), references.index(reference)] += 1
    rows, cols = linear_sum_assignment(counts, maximize=True)
    return float(counts[rows, cols].sum() / len(pairs))


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s']", " ", text.lower())).strip()


async def test_pyannote_sample_completes_with_progress_results_and_right_speakers(
    worker: WorkerProcess, client: MeetingClient, object_store: ObjectStore, worker_tmp: Path
) -> None:
    keys = await client.upload((SAMPLE_DIR / "sample.wav").read_bytes())
    await client.kick(keys)
    events = await client.wait_until_done(keys.meeting_id, worker)

    assert events[-1].kind is MeetingEventKind.COMPLETED, events[-1].message
    progress = [event for event in events if event.kind is MeetingEventKind.PROGRESS]
    stages = list(dict.fromkeys(event.stage for event in progress))
    assert stages == list(ProcessingStage)
    percents = [event.percent for event in progress]
    assert percents == sorted(percents)
    assert any(e.stage is ProcessingStage.DIARIZATION and e.percent > 5 for e in progress), "no progress within a stage"
    assert events[-1].duration_s == pytest.approx(30.0, abs=0.5)
    assert events[-1].num_speakers == 2

    listed = sorted(info.key for info in object_store.list_objects(Bucket.PROCESSED, keys.prefix))
    assert listed == result_keys(keys)
    transcript = stored_transcript(object_store, keys)
    assert transcript.language == "en"
    assert set(transcript.timings_s) >= {"downloading", "decoding", "diarization", "transcription", "fusion"}
    diarization = DiarizationDocument.model_validate(object_store.get_json(Bucket.PROCESSED, keys.diarization))
    assert len(diarization.speakers) == 2
    transcription = TranscriptionDocument.model_validate(object_store.get_json(Bucket.PROCESSED, keys.transcription))
    assert transcription.words

    accuracy = word_attribution_accuracy(transcript, reference_turns(SAMPLE_DIR / "sample.rttm"))
    stm_lines = (SAMPLE_DIR / "sample.stm").read_text().splitlines()
    reference_text = " ".join(line.split(maxsplit=5)[5] for line in stm_lines)
    wer = jiwer.wer(normalise(reference_text), normalise(" ".join(s.text for s in transcript.segments)))
    print(f"\nsample.wav: word attribution {accuracy:.1%}, WER {wer:.1%}, timings {transcript.timings_s}")
    assert accuracy >= 0.85
    assert wer < 0.35
    assert list(worker_tmp.iterdir()) == []


async def test_rerun_of_a_meeting_overwrites_its_results(
    worker: WorkerProcess, client: MeetingClient, object_store: ObjectStore, short_speech: Path
) -> None:
    keys = await client.upload(short_speech.read_bytes())
    await client.kick(keys)
    first = await client.wait_until_done(keys.meeting_id, worker)
    await client.kick(keys, language="en")
    second = await client.wait_until_done(keys.meeting_id, worker, after=len(first))

    assert [first[-1].kind, second[-1].kind] == [MeetingEventKind.COMPLETED] * 2
    listed = sorted(info.key for info in object_store.list_objects(Bucket.PROCESSED, keys.prefix))
    assert listed == result_keys(keys)
    text = " ".join(s.text for s in stored_transcript(object_store, keys).segments)
    assert "my fellow americans" in normalise(text)


async def test_a_video_under_the_tasks_former_name_transcribes_the_audio_track(
    worker: WorkerProcess, client: MeetingClient, object_store: ObjectStore, short_speech: Path, tmp_path: Path
) -> None:
    video = tmp_path / "meeting.mp4"
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "testsrc=size=64x64:rate=5",
        "-i",
        str(short_speech),
        "-shortest",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-c:a",
        "aac",
        str(video),
    )
    keys = await client.upload(video.read_bytes())
    await client.kick(keys, task_name=LEGACY_TASK_NAMES[0])  # queued by an API from before the merge
    events = await client.wait_until_done(keys.meeting_id, worker)
    assert events[-1].kind is MeetingEventKind.COMPLETED, events[-1].message
    assert "my fellow americans" in normalise(" ".join(s.text for s in stored_transcript(object_store, keys).segments))


async def test_silence_completes_with_an_empty_transcript_and_a_note(
    worker: WorkerProcess, client: MeetingClient, object_store: ObjectStore, tmp_path: Path
) -> None:
    silence = tmp_path / "silence.wav"
    ffmpeg("-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono", "-t", "5", str(silence))
    keys = await client.upload(silence.read_bytes())
    await client.kick(keys)
    events = await client.wait_until_done(keys.meeting_id, worker)
    assert events[-1].kind is MeetingEventKind.COMPLETED, events[-1].message
    transcript = stored_transcript(object_store, keys)
    assert transcript.segments == []
    assert "no speech detected" in transcript.notes


def text_as_mp3(path: Path, _: Path) -> None:
    path.write_text("Agenda: budget, hiring, roadmap.\n" * 50)


def zero_bytes(path: Path, _: Path) -> None:
    path.touch()


def truncated_mp3(path: Path, audio: Path) -> None:
    whole = path.with_suffix(".whole.mp3")
    ffmpeg("-i", str(audio / "jfk.flac"), "-c:a", "libmp3lame", str(whole))
    data = whole.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def video_without_audio(path: Path, _: Path) -> None:
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "testsrc=size=64x64:rate=5:duration=2",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-f",
        "mp4",
        str(path),
    )


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (text_as_mp3, "not an audio or video file"),
        (zero_bytes, "empty"),
        (truncated_mp3, "truncated"),
        (video_without_audio, "no audio track"),
    ],
)
async def test_bad_uploads_fail_with_a_reason_and_leave_no_temp_files(
    worker: WorkerProcess,
    client: MeetingClient,
    shared_audio: Path,
    tmp_path: Path,
    worker_tmp: Path,
    make: Callable[[Path, Path], None],
    reason: str,
) -> None:
    source = tmp_path / "upload.bin"
    make(source, shared_audio)
    keys = await client.upload(source.read_bytes())
    await client.kick(keys)
    events = await client.wait_until_done(keys.meeting_id, worker)
    assert events[-1].kind is MeetingEventKind.FAILED
    assert events[-1].message is not None
    assert reason in events[-1].message
    assert list(worker_tmp.iterdir()) == []


async def test_missing_upload_fails_with_a_reason(worker: WorkerProcess, client: MeetingClient) -> None:
    keys = MeetingKeys(workspace_id=uuid4(), meeting_id=uuid4())
    await client.kick(keys)
    events = await client.wait_until_done(keys.meeting_id, worker)
    assert events[-1].kind is MeetingEventKind.FAILED
    assert "not found" in (events[-1].message or "")
