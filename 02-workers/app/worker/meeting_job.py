"""The meeting job: download → decode → diarize → identify → transcribe → fuse → store.

Model work is blocking, so it runs in a thread: the event loop stays free to publish progress.
Every write uses deterministic keys, so a redelivered job does the work again and overwrites. The
meeting always ends with a `completed` or `failed` event, the latter with a reason a person
understands, and the job's folder is removed whatever happens, so nothing piles up in TMP_DIR.
"""

import asyncio
import shutil
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from uuid import UUID

import structlog
from scribe_contracts import Bucket, MeetingKeys, ModelsUsed, ProcessingStage, ProcessMeetingPayload
from scribe_runtime import ObjectStore, StorageError

from app.core.errors import JobError
from app.services.audio import PLAYBACK_CONTENT_TYPE, decode_media
from app.services.diarization import Diarizer
from app.services.events import JobProgress
from app.services.fusion import fuse
from app.services.identification import Identifier
from app.services.storage import store_results
from app.services.transcription import Transcriber
from app.services.voice_bank import VoiceBank
from app.worker.resources import WorkerResources

log = structlog.get_logger(__name__)

ATTEMPTS_KEY = "scribe:job-attempts:{meeting_id}"


@dataclass(frozen=True)
class MeetingOutcome:
    """What the `completed` event reports (the documents themselves are in S3)."""

    duration_s: float
    language: str | None
    num_speakers: int


@asynccontextmanager
async def job_workspace(tmp_root: Path, meeting_id: UUID) -> AsyncIterator[Path]:
    tmp_root.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix=f"{meeting_id}-", dir=tmp_root))
    try:
        yield workdir
    finally:
        await asyncio.to_thread(shutil.rmtree, workdir, ignore_errors=True)


async def download_upload(store: ObjectStore, keys: MeetingKeys, workdir: Path) -> Path:
    """The uploaded file, downloaded from `uploads` into the job's folder."""
    target = workdir / "source"
    if not await asyncio.to_thread(store.download_file, Bucket.UPLOADS, keys.upload, target):
        raise JobError("the uploaded file was not found in storage (it may have been deleted)")
    return target


@dataclass
class StageClock:
    """Announces each stage and records how long it took."""

    progress: JobProgress
    timings_s: dict[str, float] = field(default_factory=dict)

    @asynccontextmanager
    async def stage(self, stage: ProcessingStage) -> AsyncIterator[None]:
        await self.progress.start_stage(stage)
        log.info("stage_started", stage=stage.value)
        started = time.perf_counter()
        yield
        self.timings_s[stage.value] = round(time.perf_counter() - started, 3)
        log.info("stage_finished", stage=stage.value, seconds=self.timings_s[stage.value])


async def process_meeting(
    payload: ProcessMeetingPayload, resources: WorkerResources, progress: JobProgress
) -> MeetingOutcome:
    settings, store = resources.settings, resources.store
    keys = MeetingKeys(workspace_id=payload.workspace_id, meeting_id=payload.meeting_id)
    clock = StageClock(progress)
    async with job_workspace(settings.tmp_dir, payload.meeting_id) as workdir:
        async with clock.stage(ProcessingStage.DOWNLOADING):
            source = await download_upload(store, keys, workdir)
        async with clock.stage(ProcessingStage.DECODING):
            decoded = await decode_media(source, workdir)
            await asyncio.to_thread(
                store.upload_file, Bucket.PROCESSED, keys.playback_audio, decoded.playback, PLAYBACK_CONTENT_TYPE
            )
        audio = decoded.audio
        diarizer = Diarizer(settings.models, resources.models)
        async with clock.stage(ProcessingStage.DIARIZATION):
            diarization = await asyncio.to_thread(diarizer.run, audio, payload.speakers, progress.within_stage())
        async with clock.stage(ProcessingStage.IDENTIFICATION):
            identifier = Identifier(settings.models, resources.models, VoiceBank(store))
            identification = await asyncio.to_thread(
                identifier.run, audio, diarization, payload.workspace_id, progress.within_stage()
            )
        async with clock.stage(ProcessingStage.TRANSCRIPTION):
            transcriber = Transcriber(settings.models, resources.models)
            transcription = await asyncio.to_thread(transcriber.run, audio, payload.language, progress.within_stage())
        async with clock.stage(ProcessingStage.FUSION):
            transcript = fuse(
                meeting_id=payload.meeting_id,
                duration_s=audio.duration_s,
                diarization=diarization,
                transcription=transcription,
                identification=identification,
                models=ModelsUsed(
                    diarization=diarizer.model_id,
                    embedding=identification.model_id,
                    transcription=transcription.model,
                    device=settings.models.torch_device.type,
                ),
                timings_s=clock.timings_s,
            )
        transcript.timings_s = dict(clock.timings_s)  # now with fusion's own time
        async with clock.stage(ProcessingStage.STORING):
            await asyncio.to_thread(
                store_results, store, keys, transcript, diarization.to_document(), transcription.to_document()
            )
    return MeetingOutcome(audio.duration_s, transcript.language, len(transcript.speakers))


async def run_meeting_job(payload: ProcessMeetingPayload, resources: WorkerResources) -> None:
    """`process_meeting` with its end always published: `completed`, or `failed` with the reason.

    A failure with a reason is not retried (the same file fails the same way): the job ends
    normally, and only a worker that dies mid-job leaves it to be delivered again."""
    settings = resources.settings
    progress = JobProgress(resources.events, payload.meeting_id, payload.workspace_id, settings.progress_interval_s)
    structlog.contextvars.bind_contextvars(
        meeting_id=str(payload.meeting_id),
        workspace_id=str(payload.workspace_id),
        requested_by=str(payload.requested_by),
    )
    started = time.perf_counter()
    deadline = asyncio.timeout(settings.job_timeout_s)
    try:
        await _count_attempt(resources, payload)
        async with deadline:
            outcome = await process_meeting(payload, resources, progress)
    except Exception as error:
        reason = (
            f"processing took longer than the {settings.job_timeout_s} s limit and was stopped"
            if deadline.expired()
            else failure_reason(error)
        )
        detail = error.detail if isinstance(error, JobError) else str(error)
        log.error("meeting_failed", reason=reason, detail=detail, exc_info=not isinstance(error, JobError))
        await progress.failed(reason, processing_s=round(time.perf_counter() - started, 3))
        await _forget_attempts(resources, payload)
        return
    finally:
        structlog.contextvars.unbind_contextvars("meeting_id", "workspace_id", "requested_by")
    await progress.completed(
        duration_s=outcome.duration_s,
        language=outcome.language,
        num_speakers=outcome.num_speakers,
        processing_s=round(time.perf_counter() - started, 3),
    )
    await _forget_attempts(resources, payload)


def failure_reason(error: Exception) -> str:
    """What the uploader reads; internal details (hosts, keys, tracebacks) stay in the logs."""
    if isinstance(error, JobError):
        return error.reason
    if isinstance(error, StorageError):
        return "the file storage could not be reached while processing; try again later"
    return f"an internal error stopped processing ({type(error).__name__}); the details are in the worker's log"


async def _count_attempt(resources: WorkerResources, payload: ProcessMeetingPayload) -> None:
    """Count deliveries of this meeting; one that keeps killing its worker is failed, not retried forever."""
    key = ATTEMPTS_KEY.format(meeting_id=payload.meeting_id)
    attempts = int(await resources.redis.incr(key))
    await resources.redis.expire(key, resources.settings.attempts_ttl_s)
    if attempts > resources.settings.max_job_attempts:
        raise JobError(
            f"processing was interrupted {attempts - 1} times (the worker stopped while handling this "
            "recording); giving up"
        )


async def _forget_attempts(resources: WorkerResources, payload: ProcessMeetingPayload) -> None:
    await resources.redis.delete(ATTEMPTS_KEY.format(meeting_id=payload.meeting_id))
