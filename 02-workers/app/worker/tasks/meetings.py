"""The audio processing task: the API kicks it by name (`process_transcription_full`)."""

from typing import Any

from scribe_contracts import TASK_PROCESS_MEETING, ProcessMeetingPayload

from app.broker import broker
from app.worker.tasks.base import Progress, Resources, run_meeting_job


@broker.task(task_name=TASK_PROCESS_MEETING)
async def process_transcription_full(
    payload: dict[str, Any], resources: Resources, progress: Progress
) -> dict[str, Any]:
    """Transcribe an uploaded recording with speaker names; the result JSON goes to `processed`."""
    result = await run_meeting_job(ProcessMeetingPayload.model_validate(payload), resources, progress)
    return result.model_dump(mode="json")
