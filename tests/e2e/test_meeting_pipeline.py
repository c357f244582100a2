"""A recording goes API → S3 → Redis → worker (real models) → S3 → events → PostgreSQL, and comes
back as a transcript attributed to the right speakers, with the right names."""

import re
import subprocess
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import httpx
import jiwer
import pytest
from scribe_devstack.reference import Turns, clean_speech, cut_speech, read_rttm, speech_seconds

PROCESSING_TIMEOUT_S = 600
MIN_SAMPLE_S = 2.0


def read_stm_text(path: Path) -> str:
    """The reference words of an STM file, in time order, without its speaker/time fields."""
    rows = []
    for line in path.read_text().splitlines():
        fields = line.split(maxsplit=5)
        if len(fields) >= 6 and not line.startswith(";;"):
            text = re.sub(r"^<[^>]*>\s*", "", fields[5])
            rows.append((float(fields[3]), text))
    return " ".join(text for _, text in sorted(rows))


def normalise(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s']", " ", text.lower()).split())


def speaker_at(turns: Turns, t: float) -> str | None:
    """The one reference speaker talking at `t`; None in silence or overlapped speech."""
    talking = [speaker for speaker, spans in turns.items() if any(s <= t < e for s, e in spans)]
    return talking[0] if len(talking) == 1 else None


def best_label_mapping(words: list[dict[str, Any]], turns: Turns) -> dict[str, str]:
    """Map each hypothesis label to the reference speaker it shares most words with (one to one)."""
    votes: dict[tuple[str, str], int] = defaultdict(int)
    for word in words:
        reference = speaker_at(turns, (word["start"] + word["end"]) / 2)
        if reference:
            votes[(word["speaker"], reference)] += 1
    mapping: dict[str, str] = {}
    for (label, reference), _ in sorted(votes.items(), key=lambda item: -item[1]):
        if label not in mapping and reference not in mapping.values():
            mapping[label] = reference
    return mapping


def upload(client: httpx.Client, path: Path, **form: str) -> dict[str, Any]:
    with path.open("rb") as body:
        response = client.post("/api/v1/process/", data=form, files={"file": (path.name, body)})
    assert response.status_code == 202, response.text
    return dict(response.json())


def wait_until_finished(client: httpx.Client, task_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + PROCESSING_TIMEOUT_S
    while time.monotonic() < deadline:
        status = client.get(f"/api/v1/process/status/{task_id}").raise_for_status().json()
        if status["status"] in ("completed", "failed"):
            return dict(status)
        time.sleep(0.5)
    pytest.fail(f"task {task_id} did not finish within {PROCESSING_TIMEOUT_S} s")


def test_two_speaker_call_is_transcribed_and_attributed(user_client: httpx.Client, pyannote_sample_dir: Path) -> None:
    """pyannote's sample call: ≥ 85% of words carry the right speaker, the text is close to the STM."""
    client = user_client
    accepted = upload(client, pyannote_sample_dir / "sample.wav", title="Phone call", language="en")
    status = wait_until_finished(client, accepted["task_id"])
    assert status["status"] == "completed", status

    transcript = client.get(f"/api/v1/meetings/{accepted['meeting_id']}/transcript").raise_for_status().json()
    words = [word for segment in transcript["segments"] for word in segment["words"]]
    turns = read_rttm(pyannote_sample_dir / "sample.rttm")
    mapping = best_label_mapping(words, turns)
    judged = [(word, speaker_at(turns, (word["start"] + word["end"]) / 2)) for word in words]
    judged = [(word, reference) for word, reference in judged if reference]
    correct = sum(mapping.get(word["speaker"]) == reference for word, reference in judged)
    attribution = correct / len(judged)

    hypothesis = normalise(" ".join(segment["text"] for segment in transcript["segments"]))
    wer = jiwer.wer(normalise(read_stm_text(pyannote_sample_dir / "sample.stm")), hypothesis)
    print(f"\nsample.wav: {attribution:.1%} of {len(judged)} words on the right speaker; WER {wer:.1%}")
    assert attribution >= 0.85
    assert wer < 0.35
    assert len(transcript["speakers"]) == 2


def test_enrolled_people_are_named_in_another_excerpt(
    user_client: httpx.Client, shared_audio: Path, tmp_path: Path
) -> None:
    """Enroll AMI trn00's speakers from their clean speech there; in trn03 ≥ 90% of speech gets the
    right name and no speaker gets a wrong one (trn00's MEE068 is enrolled but absent from trn03)."""
    client = user_client
    rttm = shared_audio / "ami" / "reference.rttm"
    for name, spans in clean_speech(read_rttm(rttm, "trn00")).items():
        if speech_seconds(spans) < MIN_SAMPLE_S:
            continue  # too little speech without overlap to make a voice sample (the API refuses it)
        sample = cut_speech(shared_audio / "ami" / "trn00.wav", spans, tmp_path / f"{len(spans)}.wav")
        with sample.open("rb") as body:
            response = client.post("/api/v1/identities", data={"name": name}, files={"sample": (sample.name, body)})
        assert response.status_code == 201, response.text

    accepted = upload(client, shared_audio / "ami" / "trn03.wav", title="AMI trn03", language="en")
    assert wait_until_finished(client, accepted["task_id"])["status"] == "completed"
    transcript = client.get(f"/api/v1/meetings/{accepted['meeting_id']}/transcript").raise_for_status().json()

    reference = read_rttm(rttm, "trn03")
    named = {speaker["label"]: speaker["person"] for speaker in transcript["speakers"]}
    truth_time: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    right = total = 0.0
    for word in (word for segment in transcript["segments"] for word in segment["words"]):
        truth = speaker_at(reference, (word["start"] + word["end"]) / 2)
        if truth is None:
            continue
        duration = word["end"] - word["start"]
        total += duration
        truth_time[word["speaker"]][truth] += duration
        right += duration if named.get(word["speaker"]) == truth else 0.0
    # A speaker's name is wrong when it is not the person who speaks most of that speaker's time.
    wrong = {
        label: person
        for label, person in named.items()
        if person is not None and person != max(truth_time[label], key=truth_time[label].__getitem__, default=None)
    }
    print(f"\ntrn03: right name on {right / total:.1%} of reference speech; names {named}")
    assert right / total >= 0.90
    assert wrong == {}
    assert "MEE068" not in named.values()


@pytest.mark.parametrize(
    ("name", "make", "reason"),
    [
        ("notes.mp3", lambda path: path.write_text("these are meeting notes, not audio\n" * 50), "audio"),
        ("empty-track.mp4", None, "no audio"),
    ],
)
def test_unprocessable_media_fails_with_a_reason(
    user_client: httpx.Client, tmp_path: Path, name: str, make: Any, reason: str
) -> None:
    """Bad media is refused up front (415/422) or ends `failed` with a reason a person understands."""
    client = user_client
    path = tmp_path / name
    if make is None:
        subprocess.run(
            [
                "ffmpeg",
                "-v",
                "error",
                "-f",
                "lavfi",
                "-i",
                "testsrc=duration=2:size=160x120:rate=10",
                "-pix_fmt",
                "yuv420p",
                str(path),
            ],
            check=True,
        )
    else:
        make(path)
    with path.open("rb") as body:
        response = client.post("/api/v1/process/", files={"file": (path.name, body)})
    if response.status_code == 202:
        status = wait_until_finished(client, response.json()["task_id"])
        assert status["status"] == "failed"
        assert reason in (status.get("error") or "").lower()
    else:
        assert response.status_code in (415, 422), response.text
