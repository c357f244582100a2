"""S3 (MinIO in production) through boto3. Blocking boto3 calls run in worker threads.

Any transport or server failure becomes `StorageUnavailable` (503); a missing object is `None`.
"""

import asyncio
import io
from collections.abc import AsyncIterator, Callable
from typing import Any, TypeVar

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from app.core.errors import ServiceUnavailable

T = TypeVar("T")
_MB = 1024 * 1024
_MISSING = ("NoSuchKey", "404", "NotFound")


class StorageUnavailable(ServiceUnavailable):
    code = "storage_unavailable"


def _streaming_transfer_config() -> TransferConfig:
    # Bounded memory for a non-seekable stream: at most a few 6 MB parts are held at once
    # (S3's minimum part is 5 MB; 10,000 parts of 6 MB allow 60 GB objects).
    config = TransferConfig(multipart_threshold=6 * _MB, multipart_chunksize=6 * _MB, max_concurrency=2)
    config.max_in_memory_upload_chunks = 2
    return config


class _AsyncChunksReader(io.RawIOBase):
    """A blocking file-like over an async iterator, read from a boto3 thread.

    Each `read` asks the event loop for the next chunk, so only one chunk is in flight.
    """

    def __init__(self, chunks: AsyncIterator[bytes], loop: asyncio.AbstractEventLoop) -> None:
        super().__init__()
        self._chunks = chunks
        self._loop = loop
        self._buffer = bytearray()
        self._exhausted = False

    def readable(self) -> bool:
        return True

    def _next_chunk(self) -> bytes | None:
        future = asyncio.run_coroutine_threadsafe(anext(self._chunks, None), self._loop)
        return future.result()

    def read(self, size: int | None = -1) -> bytes:
        want = size if size is not None and size >= 0 else None
        while not self._exhausted and (want is None or len(self._buffer) < want):
            chunk = self._next_chunk()
            if chunk is None:
                self._exhausted = True
            else:
                self._buffer += chunk
        end = len(self._buffer) if want is None else min(want, len(self._buffer))
        data = bytes(self._buffer[:end])
        del self._buffer[:end]
        return data


class ObjectStorage:
    def __init__(
        self, endpoint_url: str | None, access_key: str, secret_key: str, region: str, presign_expire_seconds: int
    ) -> None:
        self._client: Any = boto3.client(
            "s3",
            endpoint_url=endpoint_url,
            aws_access_key_id=access_key,
            aws_secret_access_key=secret_key,
            region_name=region,
            config=Config(
                s3={"addressing_style": "path"},
                signature_version="s3v4",
                connect_timeout=3,
                read_timeout=60,
                retries={"max_attempts": 2, "mode": "standard"},
            ),
        )
        self._presign_expire = presign_expire_seconds
        self._transfer_config = _streaming_transfer_config()

    async def _call(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        try:
            return await asyncio.to_thread(function, *args, **kwargs)
        except (BotoCoreError, ClientError) as error:
            raise StorageUnavailable("object storage is unavailable", str(error)) from error

    async def upload_chunks(self, bucket: str, key: str, chunks: AsyncIterator[bytes], content_type: str) -> None:
        """Stream an async iterator of bytes to S3 with bounded memory (no temporary file)."""
        reader = _AsyncChunksReader(chunks, asyncio.get_running_loop())
        await self._call(
            self._client.upload_fileobj,
            reader,
            bucket,
            key,
            ExtraArgs={"ContentType": content_type},
            Config=self._transfer_config,
        )

    async def put_bytes(self, bucket: str, key: str, data: bytes, content_type: str) -> None:
        await self._call(self._client.put_object, Bucket=bucket, Key=key, Body=data, ContentType=content_type)

    async def get_bytes(self, bucket: str, key: str) -> bytes | None:
        def fetch() -> bytes | None:
            try:
                return bytes(self._client.get_object(Bucket=bucket, Key=key)["Body"].read())
            except ClientError as error:
                if error.response["Error"]["Code"] in _MISSING:
                    return None
                raise

        return await self._call(fetch)

    async def exists(self, bucket: str, key: str) -> bool:
        def head() -> bool:
            try:
                self._client.head_object(Bucket=bucket, Key=key)
            except ClientError as error:
                if error.response["Error"]["Code"] in _MISSING:
                    return False
                raise
            return True

        return await self._call(head)

    async def list_keys(self, bucket: str, prefix: str) -> list[str]:
        def collect() -> list[str]:
            pages = self._client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
            return [item["Key"] for page in pages for item in page.get("Contents", [])]

        return await self._call(collect)

    async def delete_prefix(self, bucket: str, prefix: str) -> int:
        keys = await self.list_keys(bucket, prefix)
        for start in range(0, len(keys), 1000):
            batch = [{"Key": key} for key in keys[start : start + 1000]]
            await self._call(self._client.delete_objects, Bucket=bucket, Delete={"Objects": batch})
        return len(keys)

    async def delete(self, bucket: str, key: str) -> None:
        await self._call(self._client.delete_object, Bucket=bucket, Key=key)

    async def presigned_get(self, bucket: str, key: str, download_name: str | None = None) -> str:
        params: dict[str, str] = {"Bucket": bucket, "Key": key}
        if download_name:
            params["ResponseContentDisposition"] = f'inline; filename="{download_name}"'
        url = await self._call(
            self._client.generate_presigned_url, "get_object", Params=params, ExpiresIn=self._presign_expire
        )
        return str(url)

    async def ping(self, bucket: str) -> None:
        await self._call(self._client.head_bucket, Bucket=bucket)
