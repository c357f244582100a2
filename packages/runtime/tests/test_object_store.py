"""The shared S3 client against a real S3 endpoint over HTTP (moto's server, from scribe_devstack)."""

import io
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from scribe_devstack import S3Server
from scribe_devstack.process import free_port
from scribe_runtime import ObjectStore, S3Credentials, StorageError

BUCKET = "uploads"


@pytest.fixture
def store(s3_server: S3Server) -> Iterator[ObjectStore]:
    store = ObjectStore(S3Credentials(endpoint_url=s3_server.endpoint_url, access_key="test", secret_key="test"))
    yield store
    store.delete_prefix(BUCKET, "")


class EndlessChunks(io.RawIOBase):
    """A non-seekable stream of `total` bytes handed out in small reads, counting what it gave."""

    def __init__(self, total: int) -> None:
        self.left = total

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: "memoryview | bytearray") -> int:  # type: ignore[override]
        size = min(len(buffer), self.left, 64 * 1024)
        buffer[:size] = b"x" * size
        self.left -= size
        return size


def test_missing_objects_are_none_or_false_not_errors(store: ObjectStore, tmp_path: Path) -> None:
    assert store.get_bytes(BUCKET, "nobody/here") is None
    assert store.get_json(BUCKET, "nobody/here.json") is None
    assert store.exists(BUCKET, "nobody/here") is False
    assert store.download_file(BUCKET, "nobody/here", tmp_path / "file") is False
    assert not (tmp_path / "file").exists()


def test_objects_round_trip_list_and_delete_by_prefix(store: ObjectStore, tmp_path: Path) -> None:
    store.put_json(BUCKET, "a/one.json", {"name": "Zoë"})
    source = tmp_path / "two.bin"
    source.write_bytes(b"\x00\x01")
    store.upload_file(BUCKET, "a/two.bin", source, "application/octet-stream")
    store.put_bytes(BUCKET, "b/three", b"3", "text/plain")

    assert store.get_json(BUCKET, "a/one.json") == {"name": "Zoë"}
    assert sorted(info.key for info in store.list_objects(BUCKET, "a/")) == ["a/one.json", "a/two.bin"]
    assert store.delete_prefix(BUCKET, "a/") == 2
    assert [info.key for info in store.list_objects(BUCKET, "")] == ["b/three"]


def test_an_object_is_copied_and_the_source_kept(store: ObjectStore) -> None:
    store.put_bytes(BUCKET, "old/key", b"sound", "audio/mpeg")

    store.copy(BUCKET, "old/key", "new/key")

    assert store.get_bytes(BUCKET, "new/key") == b"sound"
    assert store.exists(BUCKET, "old/key")


def test_a_non_seekable_stream_goes_up_in_parts(store: ObjectStore) -> None:
    store.upload_stream(BUCKET, "big", EndlessChunks(13 * 1024 * 1024), "audio/wav")  # > two 6 MB parts

    assert store.list_objects(BUCKET, "big")[0].size == 13 * 1024 * 1024


def test_presigned_get_serves_the_object(store: ObjectStore) -> None:
    store.put_bytes(BUCKET, "clip", b"abc", "audio/mpeg")

    response = httpx.get(store.presigned_get(BUCKET, "clip", expires_s=60, download_name="clip.mp3"))

    assert response.content == b"abc"
    assert 'filename="clip.mp3"' in response.headers["content-disposition"]


def test_an_unreachable_endpoint_is_a_storage_error_naming_the_object() -> None:
    dead = ObjectStore(S3Credentials(endpoint_url=f"http://127.0.0.1:{free_port()}", access_key="k", secret_key="s"))

    with pytest.raises(StorageError, match=r"reading s3://uploads/some/key failed"):
        dead.get_bytes(BUCKET, "some/key")
