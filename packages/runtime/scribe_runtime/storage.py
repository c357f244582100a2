"""S3 object storage (MinIO in production; any S3 endpoint in tests) over boto3, for both services.

One client shape, one retry policy and one error type: a missing object is `None` (or False), and
every other failure, transport or server, is a `StorageError` whose text is for the logs (it names
the endpoint's bucket and key; the API answers clients a generic 503). boto3 is blocking: the
worker calls these methods from its job threads, the API through `asyncio.to_thread`.
"""

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

JSON_CONTENT_TYPE = "application/json"
_MISSING_CODES = frozenset({"NoSuchKey", "404", "NotFound", "NoSuchBucket"})
_DELETE_BATCH = 1000  # S3's limit per DeleteObjects call
_MB = 1024 * 1024


class Readable(Protocol):
    """What boto3 reads an upload from: anything with `read`."""

    def read(self, size: int = ..., /) -> bytes | None: ...


class StorageError(RuntimeError):
    """An S3 call failed for a reason other than a missing object; the message is for the logs."""


@dataclass(frozen=True)
class S3Credentials:
    endpoint_url: str | None
    access_key: str
    secret_key: str
    region: str = "us-east-1"


@dataclass(frozen=True)
class ObjectInfo:
    key: str
    etag: str
    size: int


def _client_config() -> Config:
    # Standard retries (exponential backoff with jitter) on throttling, 5xx and dropped connections;
    # a dead endpoint is reported after ~3 s per attempt instead of boto's minute.
    return Config(
        s3={"addressing_style": "path"},
        signature_version="s3v4",
        connect_timeout=3,
        read_timeout=60,
        retries={"max_attempts": 3, "mode": "standard"},
    )


def _stream_transfer_config() -> TransferConfig:
    # Bounded memory for a non-seekable stream: at most a few 6 MB parts are held at once
    # (S3's minimum part is 5 MB; 10,000 parts of 6 MB allow 60 GB objects).
    config = TransferConfig(multipart_threshold=6 * _MB, multipart_chunksize=6 * _MB, max_concurrency=2)
    config.max_in_memory_upload_chunks = 2
    return config


def _is_missing(error: ClientError) -> bool:
    return str(error.response.get("Error", {}).get("Code")) in _MISSING_CODES


class ObjectStore:
    def __init__(self, credentials: S3Credentials) -> None:
        self._client: Any = boto3.client(
            "s3",
            endpoint_url=credentials.endpoint_url,
            aws_access_key_id=credentials.access_key,
            aws_secret_access_key=credentials.secret_key,
            region_name=credentials.region,
            config=_client_config(),
        )

    @contextmanager
    def _failing_as_storage_error(self, action: str, bucket: str, key: str) -> Iterator[None]:
        try:
            yield
        except (BotoCoreError, ClientError) as error:
            raise StorageError(f"{action} s3://{bucket}/{key} failed: {error}") from error

    def get_bytes(self, bucket: str, key: str) -> bytes | None:
        with self._failing_as_storage_error("reading", bucket, key):
            try:
                return bytes(self._client.get_object(Bucket=bucket, Key=key)["Body"].read())
            except ClientError as error:
                if _is_missing(error):
                    return None
                raise

    def put_bytes(self, bucket: str, key: str, data: bytes, content_type: str) -> None:
        with self._failing_as_storage_error("writing", bucket, key):
            self._client.put_object(Bucket=bucket, Key=key, Body=data, ContentType=content_type)

    def get_json(self, bucket: str, key: str) -> Any | None:
        data = self.get_bytes(bucket, key)
        return None if data is None else json.loads(data)

    def put_json(self, bucket: str, key: str, value: Any) -> None:
        """`value` as UTF-8 JSON (already JSON-compatible: dump pydantic models with mode="json")."""
        self.put_bytes(bucket, key, json.dumps(value, ensure_ascii=False, indent=2).encode(), JSON_CONTENT_TYPE)

    def exists(self, bucket: str, key: str) -> bool:
        with self._failing_as_storage_error("checking", bucket, key):
            try:
                self._client.head_object(Bucket=bucket, Key=key)
            except ClientError as error:
                if _is_missing(error):
                    return False
                raise
            return True

    def list_objects(self, bucket: str, prefix: str) -> list[ObjectInfo]:
        with self._failing_as_storage_error("listing", bucket, prefix):
            pages = self._client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
            return [
                ObjectInfo(key=item["Key"], etag=item["ETag"].strip('"'), size=int(item["Size"]))
                for page in pages
                for item in page.get("Contents", [])
            ]

    def download_file(self, bucket: str, key: str, path: Path) -> bool:
        """Download to `path`; False (and no file) when the object does not exist."""
        with self._failing_as_storage_error("downloading", bucket, key):
            try:
                self._client.download_file(bucket, key, str(path))
            except ClientError as error:
                path.unlink(missing_ok=True)
                if _is_missing(error):
                    return False
                raise
            return True

    def upload_file(self, bucket: str, key: str, path: Path, content_type: str) -> None:
        with self._failing_as_storage_error("uploading", bucket, key):
            self._client.upload_file(str(path), bucket, key, ExtraArgs={"ContentType": content_type})

    def upload_stream(self, bucket: str, key: str, stream: Readable, content_type: str) -> None:
        """Upload a readable, possibly endless, non-seekable stream in multipart, memory bounded;
        if reading the stream raises, the multipart upload is aborted and the error propagates."""
        with self._failing_as_storage_error("uploading", bucket, key):
            self._client.upload_fileobj(
                stream, bucket, key, ExtraArgs={"ContentType": content_type}, Config=_stream_transfer_config()
            )

    def copy(self, bucket: str, source_key: str, target_key: str) -> None:
        """A server-side copy within the bucket (content type and metadata kept)."""
        with self._failing_as_storage_error("copying", bucket, source_key):
            self._client.copy_object(
                Bucket=bucket,
                Key=target_key,
                CopySource={"Bucket": bucket, "Key": source_key},
                MetadataDirective="COPY",
            )

    def delete(self, bucket: str, key: str) -> None:
        with self._failing_as_storage_error("deleting", bucket, key):
            self._client.delete_object(Bucket=bucket, Key=key)

    def delete_prefix(self, bucket: str, prefix: str) -> int:
        """Delete every object under `prefix`; returns how many there were."""
        keys = [info.key for info in self.list_objects(bucket, prefix)]
        for start in range(0, len(keys), _DELETE_BATCH):
            batch = [{"Key": key} for key in keys[start : start + _DELETE_BATCH]]
            with self._failing_as_storage_error("deleting under", bucket, prefix):
                self._client.delete_objects(Bucket=bucket, Delete={"Objects": batch, "Quiet": True})
        return len(keys)

    def presigned_get(self, bucket: str, key: str, expires_s: int, download_name: str | None = None) -> str:
        params: dict[str, str] = {"Bucket": bucket, "Key": key}
        if download_name:
            params["ResponseContentDisposition"] = f'inline; filename="{download_name}"'
        with self._failing_as_storage_error("signing", bucket, key):
            return str(self._client.generate_presigned_url("get_object", Params=params, ExpiresIn=expires_s))

    def ping(self, bucket: str) -> None:
        with self._failing_as_storage_error("reaching", bucket, ""):
            self._client.head_bucket(Bucket=bucket)
