"""S3 buckets and the object key layout.

Every key starts with the workspace that owns the object (`{workspace_id}/...`), so a workspace's
data is one prefix per bucket: isolated, listed, deleted and backed up as a whole. Keys are built
from IDs only, never from client file names, so they are safe, unique and deterministic: a re-run
of the same meeting overwrites its objects instead of duplicating them.
"""

import re
from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID


class Bucket(StrEnum):
    UPLOADS = "uploads"
    PROCESSED = "processed"
    IDENTITY_BANK = "identity-bank"


@dataclass(frozen=True)
class MeetingKeys:
    """Every object of one meeting. `prefix` covers all of them in each bucket."""

    workspace_id: UUID
    meeting_id: UUID

    @property
    def prefix(self) -> str:
        return f"{self.workspace_id}/{self.meeting_id}/"

    @property
    def upload(self) -> str:
        """The original file as uploaded (bucket `uploads`)."""
        return f"{self.prefix}source"

    @property
    def transcript(self) -> str:
        """The fused, speaker-attributed transcript (bucket `processed`)."""
        return f"{self.prefix}transcript.json"

    @property
    def diarization(self) -> str:
        return f"{self.prefix}diarization.json"

    @property
    def transcription(self) -> str:
        return f"{self.prefix}transcription.json"

    @property
    def playback_audio(self) -> str:
        """A compressed audio track any browser can play (bucket `processed`)."""
        return f"{self.prefix}audio.mp3"


_MODEL_TAG_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class IdentityKeys:
    """The voice bank of one person of a workspace (bucket `identity-bank`)."""

    workspace_id: UUID
    person_id: UUID

    @property
    def prefix(self) -> str:
        return f"{self.workspace_id}/{self.person_id}/"

    @property
    def profile(self) -> str:
        return f"{self.prefix}profile.json"

    @property
    def voice_prefix(self) -> str:
        return f"{self.prefix}voice/"

    def sample(self, sample_id: UUID) -> str:
        return f"{self.voice_prefix}{sample_id}.wav"

    def embedding_cache(self, model_id: str) -> str:
        """Cached embeddings of every sample, one file per embedding model."""
        return f"{self.prefix}embeddings/{_MODEL_TAG_UNSAFE.sub('_', model_id)}.json"

    @staticmethod
    def bank_prefix(workspace_id: UUID) -> str:
        """Every person of one workspace's voice bank."""
        return workspace_prefix(workspace_id)


def workspace_prefix(workspace_id: UUID) -> str:
    """Everything a workspace owns in any bucket."""
    return f"{workspace_id}/"
