"""What the measured children talk to: a real S3 endpoint (moto over HTTP) and a real Redis server,
started once per bench run, and voice banks enrolled into S3 the way the API stores them."""

import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID, uuid4

import numpy as np
import soundfile
from pyannote.core import Annotation, Timeline
from scribe_contracts import Bucket, IdentityKeys, PersonProfile, VoiceSample
from scribe_devstack import RedisServer, S3Server, ensure_buckets, free_port
from scribe_runtime import ObjectStore, S3Credentials

from bench.jobs import Servers

MIN_SAMPLE_S = 2.0
"""The API refuses shorter voice samples: a person with less speech without anybody else talking
over it is not enrolled (a sample with other voices in it names the wrong people)."""


@contextmanager
def bench_servers(workdir: Path) -> Iterator[Servers]:
    s3 = S3Server(log_dir=workdir / "logs", port=free_port())
    redis = RedisServer(data_dir=workdir / "redis", port=free_port())
    s3.start()
    try:
        redis.start()
        try:
            ensure_buckets(s3.endpoint_url)
            yield Servers(s3_endpoint_url=s3.endpoint_url, redis_url=redis.url)
        finally:
            redis.stop()
    finally:
        s3.stop()


@dataclass(frozen=True)
class Bank:
    workspace_id: UUID
    names: list[str]


def enrol_speakers(servers: Servers, recording: Path, reference: Annotation) -> Bank:
    """A new user whose voice bank holds the speakers of `recording`, one sample each (see
    `enrolment_clips`), stored as the API stores them."""
    store = ObjectStore(S3Credentials(servers.s3_endpoint_url, "bench", "bench"))
    workspace_id = uuid4()
    clips = enrolment_clips(recording, reference)
    for name, clip in clips.items():
        _store_person(store, workspace_id, name, clip)
    return Bank(workspace_id, sorted(clips))


def enrolment_clips(recording: Path, reference: Annotation) -> dict[str, bytes]:
    """Each reference speaker's speech without anybody else, cut from `recording` (16-bit WAV bytes);
    speakers with too little of it are left out."""
    waveform, sample_rate = soundfile.read(str(recording), dtype="float32", always_2d=True)
    mono = waveform.mean(axis=1)
    clips = {}
    for name in sorted(str(label) for label in reference.labels()):
        spans = enrolment_spans(reference, name)
        if spans.duration() < MIN_SAMPLE_S:
            continue
        clip = np.concatenate([mono[round(s.start * sample_rate) : round(s.end * sample_rate)] for s in spans])
        buffer = io.BytesIO()
        soundfile.write(buffer, clip, sample_rate, format="WAV", subtype="PCM_16")
        clips[name] = buffer.getvalue()
    return clips


def enrolment_spans(reference: Annotation, speaker: str) -> Timeline:
    """The speaker's turns minus everybody else's."""
    own = reference.label_timeline(speaker).support()
    others = reference.subset([speaker], invert=True).get_timeline().support()
    return own.extrude(others)


def _store_person(store: ObjectStore, workspace_id: UUID, name: str, clip: bytes) -> None:
    keys, sample_id = IdentityKeys(workspace_id, uuid4()), uuid4()
    store.put_bytes(Bucket.IDENTITY_BANK, keys.sample(sample_id), clip, "audio/wav")
    duration_s = float(soundfile.info(io.BytesIO(clip)).duration)
    sample = VoiceSample(sample_id=sample_id, duration_s=round(duration_s, 3), source="upload")
    store.put_json(
        Bucket.IDENTITY_BANK,
        keys.profile,
        PersonProfile(person_id=keys.person_id, workspace_id=workspace_id, name=name, samples=[sample]).model_dump(
            mode="json"
        ),
    )
