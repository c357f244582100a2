"""The video processing task (`process_video_full`): the same pipeline on the video's audio track.

FFmpeg takes the first audio stream of any container and ignores the picture, so a video meeting
only differs from an audio one by the task the API kicks.
"""

from typing import Any

from scribe_contracts import TASK_PROCESS_VIDEO, ProcessMeetingPayload

from app.broker import broker
from app.worker.tasks.base import Progress, Resources, run_meeting_job


@broker.task(task_name=TASK_PROCESS_VIDEO)
async def process_video_full(payload: dict[str, Any], resources: Resources, progress: Progress) -> dict[str, Any]:
    """Transcribe the audio track of an uploaded video recording."""
    result = await run_meeting_job(ProcessMeetingPayload.model_validate(payload), resources, progress)
    return result.model_dump(mode="json")
