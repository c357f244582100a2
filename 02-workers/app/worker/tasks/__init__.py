"""Every task the worker runs; `taskiq worker app.worker.broker:broker app.worker.tasks` imports them all."""

from app.worker.tasks.meetings import legacy_tasks, process_meeting_task

__all__ = ["legacy_tasks", "process_meeting_task"]
