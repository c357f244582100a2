"""A workspace's voice bank in S3: people, their voice samples, and cached sample embeddings.

Layout (`IdentityKeys`): `identity-bank/{workspace_id}/{person_id}/profile.json` (PersonProfile),
`voice/{sample_id}.wav` (16 kHz mono WAV), `embeddings/{model}.json` (this module's cache).
The cache is tagged with the embedding model's id and, per sample, the sample's ETag and size:
a replaced or new sample, or another model, is embedded again; a deleted sample drops out.
"""

import io
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import numpy as np
import soundfile
import structlog
import torch
from pydantic import ValidationError
from scribe_contracts import Bucket, IdentityKeys, PersonProfile
from scribe_runtime import ObjectInfo, ObjectStore
from torchaudio.functional import resample

from app.services.embedding import SAMPLE_RATE

log = structlog.get_logger(__name__)

EmbedFunction = Callable[[list[np.ndarray]], np.ndarray]
"""Float32 16 kHz mono waveforms -> (N, D) L2-normalised embeddings."""


@dataclass(frozen=True)
class EnrolledPerson:
    person_id: UUID
    name: str
    embeddings: np.ndarray
    """(samples, D): one row per voice sample, never averaged into one centroid."""


@dataclass(frozen=True)
class BankEmbeddings:
    people: list[EnrolledPerson]
    computed: int
    """Samples embedded in this call (new, changed, or another model)."""
    reused: int
    """Samples whose cached embedding was still valid."""


@dataclass(frozen=True)
class _PersonObjects:
    person_id: UUID
    samples: list[ObjectInfo]


class VoiceBank:
    def __init__(self, store: ObjectStore) -> None:
        self._store = store

    def people_with_samples(self, workspace_id: UUID) -> list[UUID]:
        """Who has at least one voice sample (cheap: one listing, no download)."""
        return [person.person_id for person in self._list(workspace_id)]

    def embeddings(self, workspace_id: UUID, model_id: str, embed: EmbedFunction) -> BankEmbeddings:
        people: list[EnrolledPerson] = []
        computed = reused = 0
        for objects in self._list(workspace_id):
            keys = IdentityKeys(workspace_id, objects.person_id)
            profile = self._profile(keys)
            if profile is None:
                continue
            matrix, fresh = self._person_embeddings(keys, objects.samples, model_id, embed)
            computed, reused = computed + fresh, reused + len(objects.samples) - fresh
            people.append(EnrolledPerson(objects.person_id, profile.name, matrix))
        log.info("voice_bank_embeddings", people=len(people), computed=computed, reused=reused, model=model_id)
        return BankEmbeddings(people, computed, reused)

    def _list(self, workspace_id: UUID) -> list[_PersonObjects]:
        samples: dict[UUID, list[ObjectInfo]] = defaultdict(list)
        for info in self._store.list_objects(Bucket.IDENTITY_BANK, IdentityKeys.bank_prefix(workspace_id)):
            parts = info.key.split("/")
            if len(parts) == 4 and parts[2] == "voice" and parts[3].endswith(".wav"):
                try:
                    samples[UUID(parts[1])].append(info)
                except ValueError:
                    continue
        return [_PersonObjects(person_id, found) for person_id, found in sorted(samples.items())]

    def _profile(self, keys: IdentityKeys) -> PersonProfile | None:
        raw = self._store.get_json(Bucket.IDENTITY_BANK, keys.profile)
        if raw is None:
            return None  # samples without a profile: an enrolment still being written
        try:
            return PersonProfile.model_validate(raw)
        except ValidationError:
            log.warning("voice_bank_bad_profile", key=keys.profile)
            return None

    def _person_embeddings(
        self, keys: IdentityKeys, samples: list[ObjectInfo], model_id: str, embed: EmbedFunction
    ) -> tuple[np.ndarray, int]:
        cache_key = keys.embedding_cache(model_id)
        cached = _valid_cache_entries(self._store.get_json(Bucket.IDENTITY_BANK, cache_key), model_id)
        stale = [info for info in samples if not _entry_matches(cached.get(info.key), info)]
        waveforms = [self._sample_waveform(info.key) for info in stale]
        fresh = dict(zip((info.key for info in stale), embed(waveforms), strict=True)) if stale else {}
        entries = {
            info.key: cached[info.key] if info.key not in fresh else _entry(info, fresh[info.key]) for info in samples
        }
        if fresh or set(cached) != set(entries):
            self._store.put_json(Bucket.IDENTITY_BANK, cache_key, {"model_id": model_id, "samples": entries})
        matrix = np.array([entries[info.key]["embedding"] for info in samples], dtype=np.float32)
        return matrix, len(stale)

    def _sample_waveform(self, key: str) -> np.ndarray:
        data = self._store.get_bytes(Bucket.IDENTITY_BANK, key)
        if data is None:
            raise FileNotFoundError(f"voice sample s3://{Bucket.IDENTITY_BANK}/{key} disappeared")
        samples, sample_rate = soundfile.read(io.BytesIO(data), dtype="float32", always_2d=True)
        mono = torch.from_numpy(samples.mean(axis=1))
        if sample_rate != SAMPLE_RATE:
            mono = resample(mono, sample_rate, SAMPLE_RATE)
        return mono.numpy().astype(np.float32)


def _valid_cache_entries(raw: Any, model_id: str) -> dict[str, dict[str, Any]]:
    if not isinstance(raw, dict) or raw.get("model_id") != model_id or not isinstance(raw.get("samples"), dict):
        return {}
    samples: dict[str, dict[str, Any]] = raw["samples"]
    return samples


def _entry_matches(entry: dict[str, Any] | None, info: ObjectInfo) -> bool:
    return entry is not None and entry.get("etag") == info.etag and entry.get("size") == info.size


def _entry(info: ObjectInfo, embedding: np.ndarray) -> dict[str, Any]:
    return {"etag": info.etag, "size": info.size, "embedding": [round(float(x), 6) for x in embedding]}
