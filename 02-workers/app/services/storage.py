"""S3 object storage (MinIO in production, any S3 endpoint in tests) over boto3.

boto3 is synchronous: callers on the event loop wrap these calls in `asyncio.to_thread`.
Keys always come from `MeetingKeys`/`IdentityKeys`, so writes are deterministic and a re-run
of a job overwrites its objects instead of duplicating them.
"""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError
from pydantic_core import to_jsonable_python
from scribe_contracts import Bucket, MeetingKeys, TranscriptDocument

JSON_CONTENT_TYPE = "application/json"
_MISSING_CODES = frozenset({"NoSuchKey", "404", "NotFound"})
_DELETE_BATCH = 1000  # S3's limit per DeleteObjects call


class StorageError(RuntimeError):
    """An S3 call failed for a reason other than a missing object."""


@dataclass(frozen=True)
class ObjectInfo:
    key: str
    etag: str
    size: int


@dataclass(frozen=True)
class S3Credentials:
    endpoint_url: str
    access_key: str
    secret_key: str
    region: str = "us-east-1"


class ObjectStore:
    """The handful of S3 operations the worker needs, with missing objects as `None`."""

    def __init__(self, credentials: S3Credentials) -> None:
        self._client = boto3.client(
            "s3",
            endpoint_url=credentials.endpoint_url,
            aws_access_key_id=credentials.access_key,
            aws_secret_access_key=credentials.secret_key,
            region_name=credentials.region,
            config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 5, "mode": "standard"}),
        )

    def get_bytes(self, bucket: Bucket, key: str) -> bytes | None:
        try:
            response = self._client.get_object(Bucket=bucket, Key=key)
        except ClientError as error:
            if _is_missing(error):
                return None
            raise StorageError(f"reading s3://{bucket}/{key} failed: {error}") from error
        body: bytes = response["Body"].read()
        return body

    def put_bytes(self, bucket: Bucket, key: str, data: bytes, content_type: str) -> None:
        try:
            self._client.put_object(Bucket=bucket, Key=key, Body=data, ContentType=content_type)
        except ClientError as error:
            raise StorageError(f"writing s3://{bucket}/{key} failed: {error}") from error

    def get_json(self, bucket: Bucket, key: str) -> Any | None:
        data = self.get_bytes(bucket, key)
        return None if data is None else json.loads(data)

    def put_json(self, bucket: Bucket, key: str, value: Any) -> None:
        """Write a JSON value as UTF-8; pydantic models, dataclasses, UUIDs… are converted."""
        data = json.dumps(to_jsonable_python(value), ensure_ascii=False, indent=2).encode("utf-8")
        self.put_bytes(bucket, key, data, JSON_CONTENT_TYPE)

    def list_keys(self, bucket: Bucket, prefix: str) -> list[ObjectInfo]:
        found: list[ObjectInfo] = []
        paginator = self._client.get_paginator("list_objects_v2")
        try:
            for page in paginator.paginate(Bucket=bucket, Prefix=prefix):
                found.extend(
                    ObjectInfo(key=item["Key"], etag=item["ETag"].strip('"'), size=int(item["Size"]))
                    for item in page.get("Contents", [])
                )
        except ClientError as error:
            raise StorageError(f"listing s3://{bucket}/{prefix} failed: {error}") from error
        return found

    def download_file(self, bucket: Bucket, key: str, path: Path) -> bool:
        """Download to `path`; False when the object does not exist."""
        try:
            self._client.download_file(bucket, key, str(path))
        except ClientError as error:
            path.unlink(missing_ok=True)
            if _is_missing(error):
                return False
            raise StorageError(f"downloading s3://{bucket}/{key} failed: {error}") from error
        return True

    def upload_file(self, bucket: Bucket, key: str, path: Path, content_type: str) -> None:
        try:
            self._client.upload_file(str(path), bucket, key, ExtraArgs={"ContentType": content_type})
        except ClientError as error:
            raise StorageError(f"uploading s3://{bucket}/{key} failed: {error}") from error

    def delete_prefix(self, bucket: Bucket, prefix: str) -> int:
        """Delete every object under `prefix`; returns how many were deleted."""
        keys = [info.key for info in self.list_keys(bucket, prefix)]
        for start in range(0, len(keys), _DELETE_BATCH):
            batch = [{"Key": key} for key in keys[start : start + _DELETE_BATCH]]
            try:
                self._client.delete_objects(Bucket=bucket, Delete={"Objects": batch, "Quiet": True})
            except ClientError as error:
                raise StorageError(f"deleting under s3://{bucket}/{prefix} failed: {error}") from error
        return len(keys)

    def store_results(
        self, keys: MeetingKeys, transcript: TranscriptDocument, diarization: Any, transcription: Any
    ) -> None:
        """Write a meeting's three result documents to `processed`; the transcript goes last.

        The fused transcript is what marks the meeting done for a reader, so it is written after
        the raw stage outputs: a crash in between never leaves a transcript without its sources.
        """
        self.put_json(Bucket.PROCESSED, keys.diarization, diarization)
        self.put_json(Bucket.PROCESSED, keys.transcription, transcription)
        self.put_json(Bucket.PROCESSED, keys.transcript, transcript)


def _is_missing(error: ClientError) -> bool:
    return str(error.response.get("Error", {}).get("Code")) in _MISSING_CODES
