"""The README's main job: a real recording through the running platform, printed as a transcript.

Enrolls the people of one AMI meeting excerpt (each voice cut from another excerpt of the same
meeting, where that person speaks alone, using the reference RTTM), uploads the recording through
the API like any client would, follows the live status, and prints who said what.
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

import httpx
from scribe_devstack.reference import clean_speech, cut_speech, read_rttm, speech_seconds

SHARED_AUDIO = Path(__file__).resolve().parents[1].parent / "shared" / "audio"
ENROLL_FROM, PROCESS = "trn00", "trn03"  # one meeting: MÉO069 and MEE067 speak in both
MIN_ENROLL_SPEECH_S = 2.0  # the API refuses shorter voice samples
DEMO_USER = {"email": "demo@example.com", "password": "demo-password-123", "display_name": "Demo"}


def login(client: httpx.Client) -> None:
    registered = client.post("/api/v1/auth/register", json=DEMO_USER)
    if registered.status_code not in (201, 409):
        sys.exit(f"registration failed: {registered.status_code} {registered.text}")
    token = client.post("/api/v1/auth/login", json={"email": DEMO_USER["email"], "password": DEMO_USER["password"]})
    token.raise_for_status()
    client.headers["Authorization"] = f"Bearer {token.json()['access_token']}"


def enroll_people(client: httpx.Client, workdir: Path) -> None:
    existing = {person["name"] for person in client.get("/api/v1/identities").raise_for_status().json()["items"]}
    ami = SHARED_AUDIO / "ami"
    for name, spans in sorted(clean_speech(read_rttm(ami / "reference.rttm", ENROLL_FROM)).items()):
        if name in existing or speech_seconds(spans) < MIN_ENROLL_SPEECH_S:
            continue
        sample = cut_speech(ami / f"{ENROLL_FROM}.wav", spans, workdir / "sample.wav")
        with sample.open("rb") as body:
            files = {"sample": (sample.name, body)}
            client.post("/api/v1/identities", data={"name": name}, files=files).raise_for_status()
        print(f"enrolled {name} from {speech_seconds(spans):.1f} s of {ENROLL_FROM} where they speak alone")


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
    print(f"\nFused JSON: s3://processed/{meeting['workspace_id']}/{meeting_id}/transcript.json")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--api", required=True)
    parser.add_argument("--timeout", type=float, default=900)
    args = parser.parse_args()
    if not SHARED_AUDIO.is_dir():
        sys.exit(f"the shared recordings are missing: {SHARED_AUDIO}")
    with httpx.Client(base_url=args.api, timeout=120) as client, tempfile.TemporaryDirectory() as workdir:
        login(client)
        enroll_people(client, Path(workdir))
        print_transcript(client, process(client, args.timeout))


if __name__ == "__main__":
    main()
