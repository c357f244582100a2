"""The meeting's results written to a real S3 endpoint over HTTP (the client itself is tested in
packages/runtime)."""

from uuid import uuid4

from scribe_contracts import (
    Bucket,
    DiarizationDocument,
    MeetingKeys,
    ModelsUsed,
    TranscriptDocument,
    TranscriptionDocument,
)
from scribe_runtime import ObjectStore

from app.services.storage import store_results


def test_results_overwrite_the_same_three_keys_on_rerun(object_store: ObjectStore) -> None:
    keys = MeetingKeys(workspace_id=uuid4(), meeting_id=uuid4())
    models = ModelsUsed(diarization="d", embedding="e", transcription="t", device="cpu")
    diarization = DiarizationDocument(speakers=[], turns=[], exclusive_turns=[])
    for language in ("en", "fr"):
        transcript = TranscriptDocument(
            meeting_id=keys.meeting_id, language=language, duration_s=1.0, speakers=[], segments=[], models=models
        )
        transcription = TranscriptionDocument(
            language=language, language_probability=0.9, model="t", segments=[], words=[]
        )
        store_results(object_store, keys, transcript, diarization, transcription)

    listed = sorted(info.key for info in object_store.list_objects(Bucket.PROCESSED, keys.prefix))
    assert listed == sorted([keys.diarization, keys.transcription, keys.transcript])
    assert TranscriptDocument.model_validate(object_store.get_json(Bucket.PROCESSED, keys.transcript)).language == "fr"
    stored = TranscriptionDocument.model_validate(object_store.get_json(Bucket.PROCESSED, keys.transcription))
    assert stored.language == "fr"
