"""ObjectStore against a real S3 endpoint over HTTP."""

import dataclasses
import json
from pathlib import Path
from uuid import uuid4

from scribe_contracts import Bucket, MeetingKeys, ModelsUsed, TranscriptDocument

from app.services.storage import ObjectStore


def test_missing_object_reads_as_none(object_store: ObjectStore) -> None:
    assert object_store.get_bytes(Bucket.UPLOADS, "nobody/nothing") is None
    assert object_store.get_json(Bucket.UPLOADS, "nobody/nothing.json") is None


def test_bytes_and_json_round_trip(object_store: ObjectStore) -> None:
    object_store.put_bytes(Bucket.UPLOADS, "a/b.bin", b"\x00\x01", "application/octet-stream")
    object_store.put_json(Bucket.PROCESSED, "a/c.json", {"name": "Zoé", "n": 2})
    assert object_store.get_bytes(Bucket.UPLOADS, "a/b.bin") == b"\x00\x01"
    assert object_store.get_json(Bucket.PROCESSED, "a/c.json") == {"name": "Zoé", "n": 2}


def test_dataclasses_are_written_as_json_objects(object_store: ObjectStore) -> None:
    @dataclasses.dataclass
    class Turn:
        start: float
        speaker: str

    object_store.put_json(Bucket.PROCESSED, "t.json", [Turn(1.5, "SPEAKER_00")])
    assert object_store.get_json(Bucket.PROCESSED, "t.json") == [{"start": 1.5, "speaker": "SPEAKER_00"}]


def test_list_keys_gives_key_size_and_etag_under_a_prefix(object_store: ObjectStore) -> None:
    for name in ("x/1", "x/2", "y/1"):
        object_store.put_bytes(Bucket.IDENTITY_BANK, name, name.encode(), "text/plain")
    listed = object_store.list_keys(Bucket.IDENTITY_BANK, "x/")
    assert [info.key for info in listed] == ["x/1", "x/2"]
    assert all(info.size == 3 and info.etag for info in listed)


def test_file_upload_and_download(object_store: ObjectStore, tmp_path: Path) -> None:
    source = tmp_path / "in.wav"
    source.write_bytes(b"RIFF" + bytes(1000))
    object_store.upload_file(Bucket.UPLOADS, "u/m/source", source, "audio/wav")
    target = tmp_path / "out.wav"
    assert object_store.download_file(Bucket.UPLOADS, "u/m/source", target)
    assert target.read_bytes() == source.read_bytes()


def test_download_of_a_missing_object_returns_false_and_leaves_no_file(
    object_store: ObjectStore, tmp_path: Path
) -> None:
    target = tmp_path / "out"
    assert not object_store.download_file(Bucket.UPLOADS, "u/m/none", target)
    assert not target.exists()


def test_delete_prefix_removes_only_that_prefix(object_store: ObjectStore) -> None:
    for name in ("p/1", "p/2", "q/1"):
        object_store.put_bytes(Bucket.PROCESSED, name, b"x", "text/plain")
    assert object_store.delete_prefix(Bucket.PROCESSED, "p/") == 2
    assert [info.key for info in object_store.list_keys(Bucket.PROCESSED, "")] == ["q/1"]


def test_store_results_overwrites_the_same_three_keys_on_rerun(object_store: ObjectStore) -> None:
    keys = MeetingKeys(user_id=uuid4(), meeting_id=uuid4())
    models = ModelsUsed(diarization="d", embedding="e", transcription="t", device="cpu")
    for language in ("en", "fr"):
        transcript = TranscriptDocument(
            meeting_id=keys.meeting_id,
            language=language,
            duration_s=1.0,
            speakers=[],
            segments=[],
            models=models,
        )
        object_store.store_results(keys, transcript, {"turns": []}, {"language": language})
    listed = sorted(info.key for info in object_store.list_keys(Bucket.PROCESSED, keys.prefix))
    assert listed == sorted([keys.diarization, keys.transcription, keys.transcript])
    stored = object_store.get_bytes(Bucket.PROCESSED, keys.transcript)
    assert stored is not None
    assert json.loads(stored)["language"] == "fr"
    assert object_store.get_json(Bucket.PROCESSED, keys.transcription) == {"language": "fr"}
