"""The shared S3 client (`scribe_runtime.ObjectStore`), awaited: each blocking boto3 call runs in
a worker thread, so the event loop never waits on S3.

A missing object is `None` (or False); every other failure is `scribe_runtime.StorageError`, which
the error handlers answer with a generic 503 (its text, with hosts and keys, goes to the log only).
"""

import asyncio
import io
from collections.abc import AsyncIterator

from scribe_runtime import ObjectStore


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
    def __init__(self, store: ObjectStore, presign_expire_seconds: int) -> None:
        self._store = store
        self._presign_expire = presign_expire_seconds

    async def upload_chunks(self, bucket: str, key: str, chunks: AsyncIterator[bytes], content_type: str) -> None:
        """Stream an async iterator of bytes to S3 with bounded memory (no temporary file)."""
        reader = _AsyncChunksReader(chunks, asyncio.get_running_loop())
        await asyncio.to_thread(self._store.upload_stream, bucket, key, reader, content_type)

    async def put_bytes(self, bucket: str, key: str, data: bytes, content_type: str) -> None:
        await asyncio.to_thread(self._store.put_bytes, bucket, key, data, content_type)

    async def get_bytes(self, bucket: str, key: str) -> bytes | None:
        return await asyncio.to_thread(self._store.get_bytes, bucket, key)

    async def exists(self, bucket: str, key: str) -> bool:
        return await asyncio.to_thread(self._store.exists, bucket, key)

    async def list_keys(self, bucket: str, prefix: str) -> list[str]:
        return [info.key for info in await asyncio.to_thread(self._store.list_objects, bucket, prefix)]

    async def delete_prefix(self, bucket: str, prefix: str) -> int:
        return await asyncio.to_thread(self._store.delete_prefix, bucket, prefix)

    async def delete(self, bucket: str, key: str) -> None:
        await asyncio.to_thread(self._store.delete, bucket, key)

    async def presigned_get(self, bucket: str, key: str, download_name: str | None = None) -> str:
        return await asyncio.to_thread(self._store.presigned_get, bucket, key, self._presign_expire, download_name)

    async def ping(self, bucket: str) -> None:
        await asyncio.to_thread(self._store.ping, bucket)
