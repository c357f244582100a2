"""Shared fixtures: a real S3 endpoint (moto over HTTP) and a real Redis, from scribe_devstack."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from scribe_contracts import Bucket
from scribe_devstack import S3Server
from scribe_runtime import ObjectStore, S3Credentials

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("PYANNOTE_METRICS_ENABLED", "false")

SHARED_AUDIO = Path(__file__).resolve().parents[2].parent / "shared" / "audio"


@pytest.fixture(scope="session")
def shared_audio() -> Path:
    """The project's real recordings (`<repo>/../shared/audio`); missing data fails loudly."""
    if not (SHARED_AUDIO / "jfk.flac").exists():
        pytest.fail(f"test recordings not found at {SHARED_AUDIO} (see shared/audio/README.md)")
    return SHARED_AUDIO


@pytest.fixture(scope="session")
def s3_credentials(s3_server: S3Server) -> S3Credentials:
    return S3Credentials(endpoint_url=s3_server.endpoint_url, access_key="test", secret_key="test")


@pytest.fixture
def object_store(s3_credentials: S3Credentials) -> Iterator[ObjectStore]:
    """An ObjectStore on the test S3 endpoint; every bucket is emptied after the test."""
    store = ObjectStore(s3_credentials)
    yield store
    for bucket in Bucket:
        store.delete_prefix(bucket, "")
