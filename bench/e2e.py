"""End to end through the real stack (API upload → S3 → Redis → worker → S3 → events → PostgreSQL), against
the models' own inference time on the same recording: what the platform costs around the models."""

import shutil
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
from redis import Redis
from scribe_contracts import TASK_QUEUE_NAME
from scribe_devstack import LocalPlatform, PlatformState, Ports

from bench.audio_sets import REPO, ami_path, ami_references, sample_reference, sample_stm, sample_wav
from bench.context import BANK_SOURCE, BenchContext
from bench.infra import enrolment_clips
from bench.measure import child_pids, peak_rss_mib
from bench.metrics import AttributedWord, word_attribution, word_errors
from bench.report import Section, Table, percent
from bench.speed import MODEL_STAGES, model_inference_s

RECORDING_KEY = "sample.wav"
POLL_S = 0.1
JOB_TIMEOUT_S = 600.0
WORKER_START_TIMEOUT_S = 300.0


class EndToEndError(RuntimeError):
    """The meeting did not complete through the stack."""


def run_end_to_end(context: BenchContext, section: Section) -> None:
    profile, _ = context.profile(RECORDING_KEY, sample_wav())
    data_dir = Path(tempfile.mkdtemp(prefix="scribe-bench-platform-"))  # LocalPlatform opens it to postgres
    local = LocalPlatform(REPO, data_dir)
    started = time.perf_counter()
    try:
        state = local.start(Ports.free(), with_frontend=False)
        _wait_for_worker(local.env(state.ports)["REDIS_URL"])
        startup_s = time.perf_counter() - started
        with httpx.Client(base_url=state.api_url, timeout=120) as client:
            _log_in(client)
            _enrol_bank(client)
            job = _process(client, sample_wav())
        job["worker_peak_rss_mib"] = _worker_peak_rss(state)
    finally:
        local.stop()
        shutil.rmtree(data_dir, ignore_errors=True)
    inference = model_inference_s(profile)
    section.tables.append(_table(job, inference, startup_s))
    section.figures.update(
        {
            **{k: v for k, v in job.items() if k != "transcript"},
            "model_inference_s": inference,
            "overhead_ratio": job["end_to_end_s"] / inference,
            "platform_start_s": startup_s,
        }
    )


def _wait_for_worker(redis_url: str) -> None:
    """Until the worker has declared its consumer group on the task stream. It declares it at the stream's
    end ("$"), so a job queued before that is never delivered to it (reported to the worker's owners)."""
    deadline = time.monotonic() + WORKER_START_TIMEOUT_S
    with Redis.from_url(redis_url) as redis:
        while time.monotonic() < deadline:
            if redis.exists(TASK_QUEUE_NAME) and redis.xinfo_groups(TASK_QUEUE_NAME):
                return
            time.sleep(POLL_S)
    raise EndToEndError(f"the worker was not listening {WORKER_START_TIMEOUT_S:.0f} s after it started")


def _log_in(client: httpx.Client) -> None:
    credentials = {"email": f"bench-{uuid.uuid4().hex[:12]}@example.com", "password": "bench-password-1234"}
    _checked(client.post("/api/v1/auth/register", json=credentials))
    token = _checked(client.post("/api/v1/auth/login", json=credentials))["access_token"]
    client.headers["Authorization"] = f"Bearer {token}"


def _enrol_bank(client: httpx.Client) -> None:
    """The same voice bank as the in-process profile (trn07's speakers), enrolled through the API."""
    for name, clip in enrolment_clips(ami_path(BANK_SOURCE), ami_references()[BANK_SOURCE]).items():
        _checked(
            client.post("/api/v1/identities", data={"name": name}, files={"sample": (f"{name}.wav", clip, "audio/wav")})
        )


def _process(client: httpx.Client, recording: Path) -> dict[str, Any]:
    """Upload, wait for `completed`; the wall time from the first byte sent to the status saying so."""
    started = time.perf_counter()
    with recording.open("rb") as body:
        accepted = _checked(client.post("/api/v1/process/", files={"file": (recording.name, body)}))
    uploaded = time.perf_counter()
    status = _wait(client, accepted["task_id"])
    finished = time.perf_counter()
    if status["status"] != "completed":
        raise EndToEndError(f"the meeting ended {status['status']}: {status.get('error')}")
    meeting = _checked(client.get(f"/api/v1/meetings/{accepted['meeting_id']}"))
    transcript = _checked(client.get(f"/api/v1/meetings/{accepted['meeting_id']}/transcript"))
    return {
        "end_to_end_s": round(finished - started, 3),
        "upload_s": round(uploaded - started, 3),
        "worker_processing_s": meeting["processing_s"],
        "worker_stage_s": transcript.get("timings_s", {}),
        "transcript": transcript,
    }


def _wait(client: httpx.Client, task_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + JOB_TIMEOUT_S
    while time.monotonic() < deadline:
        status = _checked(client.get(f"/api/v1/process/status/{task_id}"))
        if status["status"] in ("completed", "failed"):
            return status
        time.sleep(POLL_S)
    raise EndToEndError(f"the meeting was not finished after {JOB_TIMEOUT_S:.0f} s")


def _checked(response: httpx.Response) -> dict[str, Any]:
    if response.is_error:
        raise EndToEndError(
            f"{response.request.method} {response.request.url.path} -> {response.status_code}: {response.text[:500]}"
        )
    body: dict[str, Any] = response.json()
    return body


def _worker_peak_rss(state: PlatformState) -> float | None:
    """Peak RSS of the taskiq process that ran the job (a child of the worker's main process)."""
    pids = child_pids(state.pids["worker"]) or [state.pids["worker"]]
    return max((peak_rss_mib(pid) for pid in pids), default=None)


def _table(job: dict[str, Any], inference_s: float, startup_s: float) -> Table:
    words = [word for segment in job["transcript"]["segments"] for word in segment["words"]]
    attribution = word_attribution(
        [AttributedWord(w["start"], w["end"], w["speaker"]) for w in words], sample_reference()
    )
    wer = word_errors(" ".join(text for _, _, text in sample_stm()), " ".join(w["word"] for w in words))
    model_stages_s = sum(job["worker_stage_s"].get(stage, 0.0) for stage in MODEL_STAGES)
    table = Table(
        f"End to end through the stack: {RECORDING_KEY}",
        [
            "upload → completed s",
            "upload s",
            "worker job s",
            "models' inference s",
            "overhead ratio",
            "job's model stages s",
            "overhead vs model stages",
            "worker peak RSS MiB",
            "words on the right speaker",
            "WER",
        ],
        note=f"overhead ratio = end to end / the models' own inference time (same recording, measured "
        f"in process by the speed section, model loading excluded: compare only on a quiet "
        f"machine). overhead vs model stages = end to end / this job's own diarization + "
        f"identification + transcription stages (same run; they include loading the models). "
        f"The platform itself started in {startup_s:.1f} s (not counted). Worker stages: "
        f"{job['worker_stage_s']}",
    )
    table.add(
        job["end_to_end_s"],
        job["upload_s"],
        job["worker_processing_s"],
        inference_s,
        round(job["end_to_end_s"] / inference_s, 2),
        round(model_stages_s, 3),
        round(job["end_to_end_s"] / model_stages_s, 3) if model_stages_s else None,
        job["worker_peak_rss_mib"],
        percent(attribution.accuracy),
        percent(wer.rate),
    )
    return table
