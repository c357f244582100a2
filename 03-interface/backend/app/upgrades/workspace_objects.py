"""Moves the objects of data from before workspaces to their workspace's prefix.

Before migration 0002 every key began with the owning user's id; now it begins with the
workspace's. The migration gives each user a personal workspace holding their meetings; this
command moves the objects to match:

    uploads/{user}/{meeting}/...        -> uploads/{workspace}/{meeting}/...
    processed/{user}/{meeting}/...      -> processed/{workspace}/{meeting}/...
    identity-bank/{user}/{person}/...   -> identity-bank/{personal workspace}/{person}/...

(profile.json rewritten to name the workspace). Each object is copied, then the old one deleted:
a run stopped part-way is finished by the next one, and a run with nothing left to move moves
nothing. Runs as the tables' owner (it reads every workspace): MIGRATION_DATABASE_URL.

    python -m app.upgrades.workspace_objects     (./manage.sh migrate runs it after alembic)
"""

import asyncio
import json
import sys
from dataclasses import dataclass, field
from uuid import UUID

import structlog
from scribe_contracts import Bucket
from scribe_runtime import ObjectStore, S3Credentials, configure_logging
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from app.core.config import Environment, Settings

log = structlog.get_logger()


@dataclass
class MoveReport:
    moved: dict[str, int] = field(default_factory=lambda: {bucket.value: 0 for bucket in Bucket})
    profiles_rewritten: int = 0


def move_prefix(store: ObjectStore, bucket: str, old: str, new: str, report: MoveReport) -> None:
    for info in store.list_objects(bucket, old):
        target = new + info.key[len(old) :]
        if bucket == Bucket.IDENTITY_BANK and target.endswith("/profile.json"):
            _rewrite_profile(store, info.key, target, new.split("/", 1)[0])
            report.profiles_rewritten += 1
        else:
            store.copy(bucket, info.key, target)
        store.delete(bucket, info.key)
        report.moved[bucket] += 1


def _rewrite_profile(store: ObjectStore, source: str, target: str, workspace_id: str) -> None:
    raw = store.get_bytes(Bucket.IDENTITY_BANK, source)
    if raw is None:
        return
    profile = json.loads(raw)
    profile.pop("user_id", None)
    profile["workspace_id"] = workspace_id
    store.put_bytes(
        Bucket.IDENTITY_BANK, target, json.dumps(profile, ensure_ascii=False, indent=2).encode(), "application/json"
    )


async def plan(database_url: str) -> tuple[list[tuple[UUID, UUID, UUID]], list[tuple[UUID, UUID]]]:
    """(meeting, uploader, workspace) of every meeting, and (user, personal workspace) of every user."""
    engine = create_async_engine(database_url)
    try:
        async with engine.connect() as connection:
            meetings = await connection.execute(
                text("SELECT id, uploaded_by, workspace_id FROM meetings WHERE uploaded_by IS NOT NULL")
            )
            personal = await connection.execute(
                text("SELECT created_by, id FROM workspaces WHERE kind = 'personal' AND created_by IS NOT NULL")
            )
            return (
                [(row.id, row.uploaded_by, row.workspace_id) for row in meetings],
                [(row.created_by, row.id) for row in personal],
            )
    finally:
        await engine.dispose()


def move_all(
    store: ObjectStore, meetings: list[tuple[UUID, UUID, UUID]], personal: list[tuple[UUID, UUID]]
) -> MoveReport:
    report = MoveReport()
    for meeting_id, uploader, workspace_id in meetings:
        for bucket in (Bucket.UPLOADS, Bucket.PROCESSED):
            move_prefix(store, bucket, f"{uploader}/{meeting_id}/", f"{workspace_id}/{meeting_id}/", report)
    for user_id, workspace_id in personal:
        move_prefix(store, Bucket.IDENTITY_BANK, f"{user_id}/", f"{workspace_id}/", report)
    return report


async def main() -> int:
    settings = Settings()
    configure_logging(settings.log_level, json=settings.environment is Environment.PRODUCTION)
    meetings, personal = await plan(settings.migration_database_url or settings.database_url)
    store = ObjectStore(
        S3Credentials(settings.s3_endpoint_url, settings.s3_access_key, settings.s3_secret_key, settings.s3_region)
    )
    report = await asyncio.to_thread(move_all, store, meetings, personal)
    log.info("workspace_objects_moved", **report.moved, profiles_rewritten=report.profiles_rewritten)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
