"""The whole platform as real processes (PostgreSQL, Redis, S3, API, worker) for end-to-end tests."""

import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from scribe_devstack import LocalPlatform, PlatformState, Ports

REPO = Path(__file__).resolve().parents[2]
SHARED_AUDIO = REPO.parent / "shared" / "audio"
WORKER_SITE = REPO / "02-workers" / ".venv" / "lib"


@pytest.fixture(scope="session")
def shared_audio() -> Path:
    if not SHARED_AUDIO.is_dir():
        pytest.fail(f"the shared recordings are missing at {SHARED_AUDIO} (see shared/audio/README.md)")
    return SHARED_AUDIO


@pytest.fixture(scope="session")
def pyannote_sample_dir() -> Path:
    """pyannote.audio's bundled two-speaker call, with its reference RTTM and STM."""
    found = sorted(WORKER_SITE.glob("python3*/site-packages/pyannote/audio/sample"))
    if not found:
        pytest.fail("pyannote.audio is not installed in 02-workers/.venv: run ./manage.sh setup")
    return found[0]


@pytest.fixture(scope="session")
def platform() -> Iterator[PlatformState]:
    data_dir = Path(tempfile.mkdtemp(prefix="scribe-e2e-"))
    local = LocalPlatform(REPO, data_dir)
    state = local.start(Ports.free(), with_frontend=False)
    try:
        yield state
    finally:
        local.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture
def user_client(platform: PlatformState) -> Iterator[httpx.Client]:
    """An API client logged in as a new user of its own (one per test)."""
    email = f"e2e-{uuid.uuid4().hex[:12]}@example.com"
    password = "correct-horse-battery"
    with httpx.Client(base_url=platform.api_url, timeout=60) as client:
        client.post("/api/v1/auth/register", json={"email": email, "password": password}).raise_for_status()
        token = client.post("/api/v1/auth/login", json={"email": email, "password": password})
        token.raise_for_status()
        client.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
        yield client
