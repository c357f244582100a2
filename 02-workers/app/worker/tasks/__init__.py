"""Every task the worker runs; `taskiq worker app.broker:broker app.worker.tasks` imports them all."""

from app.worker.tasks.audio_tasks import process_transcription_full
from app.worker.tasks.video_tasks import process_video_full

__all__ = ["process_transcription_full", "process_video_full"]
