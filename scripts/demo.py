"""The README's main job: a real recording through the running platform, printed as a transcript.

Enrolls the people of one AMI meeting excerpt (their voice cut from another excerpt of the same
meeting with the reference RTTM), uploads the recording through the API like any client would,
follows the live status, and prints who said what.
"""

import argparse
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import httpx

SHARED_AUDIO = Path(__file__).resolve().parents[1].parent / "shared" / "audio"
ENROLL_FROM, PROCESS = "trn07", "trn08"
MIN_ENROLL_SPEECH_S = 3.0
DEMO_USER = {"email": "demo@scribe.local", "password": "demo-password-123", "display_name": "Demo"}


def speaker_turns(excerpt: str) -> dict[str, list[tuple[float, float]]]:
    turns: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for line in (SHARED_AUDIO / "ami" / "reference.rttm").read_text().splitlines():
        fields = line.split()
        if fields[1] == excerpt:
            start, duration = float(fields[3]), float(fields[4])
            turns[fields[7]].append((start, start + duration))
    return turns


def cut_voice(source: Path, spans: list[tuple[float, float]]) -> bytes:
    """The speaker's turns from `source`, concatenated into one 16 kHz mono WAV."""
    select = "+".join(f"between(t,{start:.3f},{end:.3f})" for start, end in spans)
    return subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-i",
            str(source),
            "-af",
            f"aselect='{select}',asetpts=N/SR/TB",
            "-ac",
            "1",
            "-ar",
            "16000",
            "-f",
            "wav",
            "-",
        ],
        check=True,
        capture_output=True,
    ).stdout


def login(client: httpx.Client) -> None:
    registered = client.post("/api/v1/auth/register", json=DEMO_USER)
    if registered.status_code not in (201, 409):
        sys.exit(f"registration failed: {registered.status_code} {registered.text}")
    token = client.post("/api/v1/auth/login", json={"email": DEMO_USER["email"], "password": DEMO_USER["password"]})
    token.raise_for_status()
    client.headers["Authorization"] = f"Bearer {token.json()['access_token']}"


def enroll_people(client: httpx.Client) -> None:
    existing = {person["name"] for person in client.get("/api/v1/identities").raise_for_status().json()["items"]}
    source = SHARED_AUDIO / "ami" / f"{ENROLL_FROM}.wav"
    for name, spans in sorted(speaker_turns(ENROLL_FROM).items()):
        speech = sum(end - start for start, end in spans)
        if name in existing or speech < MIN_ENROLL_SPEECH_S:
            continue
        files = {"sample": (f"{name}.wav", cut_voice(source, spans), "audio/wav")}
        client.post("/api/v1/identities", data={"name": name}, files=files).raise_for_status()
        print(f"enrolled {name} from {speech:.1f} s of {ENROLL_FROM}")


def process(client: httpx.Client, timeout_s: float) -> str:
    recording = SHARED_AUDIO / "ami" / f"{PROCESS}.wav"
    with recording.open("rb") as body:
        accepted = client.post(
            "/api/v1/process/",
            data={"title": f"AMI meeting excerpt {PROCESS}", "language": "en"},
            files={"file": (recording.name, body, "audio/wav")},
        )
    accepted.raise_for_status()
    task_id, meeting_id = accepted.json()["task_id"], accepted.json()["meeting_id"]
    print(f"uploaded {recording.name}: meeting {meeting_id}")
    deadline, last = time.monotonic() + timeout_s, ""
    while time.monotonic() < deadline:
        status = client.get(f"/api/v1/process/status/{task_id}").raise_for_status().json()
        line = f"  {status['status']:<10} {status.get('stage') or '':<15} {status.get('progress') or 0:5.1f} %"
        if line != last:
            print(line)
            last = line
        if status["status"] == "completed":
            return str(meeting_id)
        if status["status"] == "failed":
            sys.exit(f"processing failed: {status.get('error')}")
        time.sleep(1)
    sys.exit(f"no result after {timeout_s:.0f} s: is the worker running? (./manage.sh status)")


def print_transcript(client: httpx.Client, meeting_id: str) -> None:
    transcript = client.get(f"/api/v1/meetings/{meeting_id}/transcript").raise_for_status().json()
    print(f"\nTranscript ({transcript['language']}, {transcript['duration_s']:.1f} s):\n")
    for segment in transcript["segments"]:
        who = segment.get("person") or segment["speaker"]
        print(f"[{segment['start']:6.1f} - {segment['end']:6.1f}] {who}: {segment['text']}")
    meeting = client.get(f"/api/v1/meetings/{meeting_id}").raise_for_status().json()
    print(f"\nFused JSON: s3://processed/{meeting['user_id']}/{meeting_id}/transcript.json")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--api", required=True)
    parser.add_argument("--timeout", type=float, default=900)
    args = parser.parse_args()
    if not SHARED_AUDIO.is_dir():
        sys.exit(f"the shared recordings are missing: {SHARED_AUDIO}")
    with httpx.Client(base_url=args.api, timeout=120) as client:
        login(client)
        enroll_people(client)
        print_transcript(client, process(client, args.timeout))


if __name__ == "__main__":
    main()
