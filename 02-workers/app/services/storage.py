"""What a job writes: the meeting's results in `processed`, through the shared S3 client.

Keys always come from `MeetingKeys`, so writes are deterministic and a re-run of a job overwrites
its objects instead of duplicating them.
"""

from scribe_contracts import Bucket, DiarizationDocument, MeetingKeys, TranscriptDocument, TranscriptionDocument
from scribe_runtime import ObjectStore


def store_results(
    store: ObjectStore,
    keys: MeetingKeys,
    transcript: TranscriptDocument,
    diarization: DiarizationDocument,
    transcription: TranscriptionDocument,
) -> None:
    """Write a meeting's three result documents; the transcript goes last.

    The fused transcript is what marks the meeting done for a reader, so it is written after the
    raw stage outputs: a crash in between never leaves a transcript without its sources.
    """
    store.put_json(Bucket.PROCESSED, keys.diarization, diarization.model_dump(mode="json"))
    store.put_json(Bucket.PROCESSED, keys.transcription, transcription.model_dump(mode="json"))
    store.put_json(Bucket.PROCESSED, keys.transcript, transcript.model_dump(mode="json"))
