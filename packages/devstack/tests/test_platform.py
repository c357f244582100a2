"""`manage.sh dev`'s engine: every process starts, reports healthy, and `stop` leaves none behind."""

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from scribe_devstack import LocalPlatform, Ports
from scribe_devstack.process import pid_alive, port_open

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def data_dir() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="scribe-devstack-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_start_then_stop_leaves_no_process_and_no_port(data_dir: Path) -> None:
    platform = LocalPlatform(REPO, data_dir)
    ports = Ports.free()
    state = platform.start(ports, with_frontend=False)
    try:
        assert platform.status() == {"redis": True, "s3": True, "api": True, "worker": True, "postgres": True}
        with pytest.raises(RuntimeError, match="already running"):
            platform.start(Ports.free())
    finally:
        platform.stop()
    assert not any(pid_alive(pid) for pid in state.pids.values())
    assert not any(port_open(port) for port in (ports.postgres, ports.redis, ports.s3, ports.api))
    assert platform.status() == {}


def test_env_points_every_service_at_the_same_servers(data_dir: Path) -> None:
    env = LocalPlatform(REPO, data_dir).env(Ports(1, 2, 3, 4, 5))
    assert env["DATABASE_URL"].endswith("@127.0.0.1:1/scribe")
    assert env["REDIS_URL"] == "redis://127.0.0.1:2/0"
    assert env["S3_ENDPOINT_URL"] == "http://127.0.0.1:3"
    assert env["API_BASE_URL"] == "http://127.0.0.1:4"
    assert env["HF_HUB_OFFLINE"] == "1"
    # The secret is random per data directory but stable across restarts, so sessions survive `dev` restarts.
    assert env["JWT_SECRET"] == LocalPlatform(REPO, data_dir).env(Ports(1, 2, 3, 4, 5))["JWT_SECRET"]
    assert len(env["JWT_SECRET"]) >= 32
