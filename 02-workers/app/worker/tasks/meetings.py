"""The meeting task: the API kicks it by name (`process_transcription_full`) for audio and video
alike (FFmpeg takes the first audio track of either). The same function also answers to the
names the task had before, so a job queued by an older API is still run."""

from typing import Annotated, Any

from scribe_contracts import LEGACY_TASK_NAMES, TASK_PROCESS_MEETING, ProcessMeetingPayload
from taskiq import TaskiqDepends, TaskiqState

from app.worker.broker import broker
from app.worker.meeting_job import run_meeting_job
from app.worker.resources import WorkerResources


def worker_resources(state: Annotated[TaskiqState, TaskiqDepends()]) -> WorkerResources:
    """The worker process's resources, made at WORKER_STARTUP (see app/worker/broker.py)."""
    resources: WorkerResources = state.resources
    return resources


Resources = Annotated[WorkerResources, TaskiqDepends(worker_resources)]


async def process_meeting(payload: dict[str, Any], resources: Resources) -> None:
    """Transcribe an uploaded recording with speaker names; the result JSON goes to `processed`."""
    await run_meeting_job(ProcessMeetingPayload.model_validate(payload), resources)


process_meeting_task = broker.task(task_name=TASK_PROCESS_MEETING)(process_meeting)
legacy_tasks = [broker.task(task_name=name)(process_meeting) for name in LEGACY_TASK_NAMES]
