"""Child process: one meeting through the worker's own pipeline (`process_meeting`: S3 download, decode,
diarization, identification, transcription, fusion, storage), profiled per stage.

The worker announces each stage to its progress reporter; a reporter subclass closes the previous
stage's measurements there (wall time, peak RSS, peak VRAM) and opens the next one's. The model
manager's observer timestamps every load and release, which splits a stage's time into loading its
model and the model's own work, and shows how many models were ever resident together.
"""

import asyncio
import time
from dataclasses import dataclass, field
from pathlib import Path
from uuid import UUID, uuid4

from app.core.config import Settings
from app.core.models import MemorySnapshot, ModelEvent, ModelManager
from app.services.events import EventPublisher, JobProgress
from app.worker.meeting_job import process_meeting
from app.worker.resources import WorkerResources
from pydantic import SecretStr
from redis.asyncio import Redis
from scribe_contracts import Bucket, MeetingKeys, ProcessingStage, ProcessMeetingPayload, TranscriptDocument
from scribe_runtime import ObjectStore

from bench.children.gpu import VramSampler, cuda_available
from bench.jobs import ModelSwap, PipelineProfile, PipelineSpec, Servers, SpokenWord, StageProfile, Turn
from bench.measure import peak_rss_mib, reset_peak_rss, rss_mib

_MIB = 1024 * 1024


@dataclass
class SwapRecorder:
    """Every model load/release with the time it happened (perf_counter)."""

    events: list[tuple[float, ModelEvent]] = field(default_factory=list)

    def record(self, event: ModelEvent) -> None:
        self.events.append((time.perf_counter(), event))

    def load_seconds(self, start: float, end: float) -> float:
        """Time spent loading models in [start, end): from the stage start, or the release just before, to 'loaded'."""
        seconds, since = 0.0, start
        for at, event in self.events:
            if start <= at < end:
                if event.action == "released":
                    since = at
                else:
                    seconds, since = seconds + at - since, at
        return seconds

    def loaded_between(self, start: float, end: float) -> list[str]:
        return [event.key for at, event in self.events if start <= at < end and event.action == "loaded"]

    def max_resident(self) -> int:
        resident = peak = 0
        for _, event in self.events:
            resident += 1 if event.action == "loaded" else -1
            peak = max(peak, resident)
        return peak

    def swaps(self, origin: float) -> list[ModelSwap]:
        return [
            ModelSwap(
                at_s=round(at - origin, 3),
                action=event.action,
                model=event.key,
                rss_before_mib=_mib(event.before.rss_bytes),
                rss_after_mib=_mib(event.after.rss_bytes),
                vram_before_mib=_vram_mib(event.before),
                vram_after_mib=_vram_mib(event.after),
            )
            for at, event in self.events
        ]


class StageMeter:
    def __init__(self, swaps: SwapRecorder, vram: VramSampler | None) -> None:
        self._swaps = swaps
        self._vram = vram
        self._current: tuple[str, float] | None = None
        self.stages: list[StageProfile] = []

    def begin(self, stage: str) -> None:
        self.finish()
        reset_peak_rss()
        if self._vram is not None:
            self._vram.take_peak()
        self._current = (stage, time.perf_counter())

    def finish(self) -> None:
        if self._current is None:
            return
        (stage, started), ended = self._current, time.perf_counter()
        vram, torch_vram = self._vram.take_peak() if self._vram is not None else (None, None)
        self.stages.append(
            StageProfile(
                stage=stage,
                wall_s=round(ended - started, 3),
                model_load_s=round(self._swaps.load_seconds(started, ended), 3),
                peak_rss_mib=round(peak_rss_mib(), 1),
                rss_after_mib=round(rss_mib(), 1),
                peak_vram_mib=_round(vram),
                peak_torch_vram_mib=_round(torch_vram),
                models_loaded=self._swaps.loaded_between(started, ended),
            )
        )
        self._current = None


class ProfiledProgress(JobProgress):
    """The worker's progress reporter, which also marks stage boundaries for the meter."""

    def __init__(self, publisher: EventPublisher, meeting_id: UUID, workspace_id: UUID, meter: StageMeter) -> None:
        super().__init__(publisher, meeting_id, workspace_id, interval_s=1.0)
        self._meter = meter

    async def start_stage(self, stage: ProcessingStage) -> None:
        self._meter.begin(stage.value)
        await super().start_stage(stage)


def run(spec: PipelineSpec) -> PipelineProfile:
    return asyncio.run(_profile(spec))


async def _profile(spec: PipelineSpec) -> PipelineProfile:
    settings = worker_settings(spec.servers, spec.workdir)
    redis = Redis.from_url(settings.redis_url)
    swaps = SwapRecorder()
    resources = WorkerResources(
        settings=settings,
        store=ObjectStore(settings.s3_credentials),
        models=ModelManager(on_event=swaps.record),
        redis=redis,
        events=EventPublisher(redis, settings.events_stream_maxlen),
    )
    payload = ProcessMeetingPayload(
        meeting_id=uuid4(), workspace_id=spec.workspace_id, requested_by=uuid4(), language=spec.language
    )
    keys = MeetingKeys(workspace_id=payload.workspace_id, meeting_id=payload.meeting_id)
    resources.store.upload_file(Bucket.UPLOADS, keys.upload, spec.recording, "application/octet-stream")
    vram = VramSampler() if cuda_available() else None
    baseline_rss, baseline_vram = rss_mib(), (vram.take_peak()[0] if vram else None)
    meter = StageMeter(swaps, vram)
    started = time.perf_counter()
    try:
        await process_meeting(
            payload, resources, ProfiledProgress(resources.events, payload.meeting_id, payload.workspace_id, meter)
        )
        meter.finish()
        total = time.perf_counter() - started
    finally:
        if vram is not None:
            vram.stop()
        await resources.close()
    return _profile_result(spec, resources.store, keys, meter, swaps, started, total, baseline_rss, baseline_vram)


def _profile_result(
    spec: PipelineSpec,
    store: ObjectStore,
    keys: MeetingKeys,
    meter: StageMeter,
    swaps: SwapRecorder,
    started: float,
    total: float,
    baseline_rss: float,
    baseline_vram: float | None,
) -> PipelineProfile:
    transcript = TranscriptDocument.model_validate(store.get_json(Bucket.PROCESSED, keys.transcript))
    diarization = store.get_json(Bucket.PROCESSED, keys.diarization) or {}
    return PipelineProfile(
        recording=spec.recording.name,
        duration_s=transcript.duration_s,
        device=transcript.models.device,
        total_s=round(total, 3),
        stages=meter.stages,
        swaps=swaps.swaps(started),
        max_resident_models=swaps.max_resident(),
        baseline_rss_mib=round(baseline_rss, 1),
        baseline_vram_mib=_round(baseline_vram),
        process_peak_rss_mib=round(max(stage.peak_rss_mib for stage in meter.stages), 1),
        turns=[Turn.model_validate(turn) for turn in diarization.get("turns", [])],
        words=[
            SpokenWord(start=word.start, end=word.end, speaker=word.speaker, text=word.word)
            for segment in transcript.segments
            for word in segment.words
        ],
        names={speaker.label: speaker.person for speaker in transcript.speakers},
    )


def worker_settings(servers: Servers, workdir: Path) -> Settings:
    """The worker's settings (models from the environment: MODELS_DIR...) on the bench's servers."""
    return Settings(
        environment="local",
        redis_url=servers.redis_url,
        s3_endpoint_url=servers.s3_endpoint_url,
        s3_access_key=SecretStr("bench"),
        s3_secret_key=SecretStr("bench"),
        tmp_dir=workdir / "worker-tmp",
    )


def _mib(value: int) -> float:
    return round(value / _MIB, 1)


def _vram_mib(snapshot: MemorySnapshot) -> float | None:
    return None if snapshot.cuda_used_bytes is None else _mib(snapshot.cuda_used_bytes)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
