"""The S3 key layout: built from IDs only, deterministic, one prefix per meeting/person."""

from uuid import uuid4

from scribe_contracts import IdentityKeys, MeetingKeys


def test_meeting_keys_are_deterministic_and_share_the_meeting_prefix() -> None:
    workspace_id, meeting_id = uuid4(), uuid4()
    keys = MeetingKeys(workspace_id, meeting_id)
    assert keys == MeetingKeys(workspace_id, meeting_id)
    objects = [keys.upload, keys.transcript, keys.diarization, keys.transcription, keys.playback_audio]
    assert all(key.startswith(f"{workspace_id}/{meeting_id}/") for key in objects)
    assert len(set(objects)) == len(objects)


def test_identity_keys_place_samples_and_caches_under_the_person() -> None:
    keys = IdentityKeys(uuid4(), uuid4())
    sample = uuid4()
    assert keys.profile == f"{keys.prefix}profile.json"
    assert keys.sample(sample) == f"{keys.prefix}voice/{sample}.wav"
    assert keys.sample(sample).startswith(keys.voice_prefix)


def test_embedding_cache_key_is_safe_for_any_model_id() -> None:
    keys = IdentityKeys(uuid4(), uuid4())
    key = keys.embedding_cache("pyannote/wespeaker-voxceleb-resnet34-LM")
    assert key == f"{keys.prefix}embeddings/pyannote_wespeaker-voxceleb-resnet34-LM.json"
    assert keys.embedding_cache("/models/campplus.pt") != keys.embedding_cache("campplus")
