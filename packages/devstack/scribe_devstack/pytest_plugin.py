"""Session-wide real servers for pytest: PostgreSQL, Redis and S3 on free ports.

Each fixture starts its server once per test session in a temporary directory and tears it down
at the end. Isolation per test is the job of the suites' own fixtures (a fresh database, a
flushed Redis, emptied buckets), built on these.
"""

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from scribe_devstack.postgres import PostgresServer
from scribe_devstack.process import free_port
from scribe_devstack.redis import RedisServer
from scribe_devstack.s3 import S3Server, ensure_buckets


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    # Not under pytest's tmp dir: that one is private to root, and the server runs as `postgres`.
    root = Path(tempfile.mkdtemp(prefix="scribe-test-pg-"))
    root.chmod(0o755)
    server = PostgresServer(data_dir=root / "data", port=free_port())
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    server = RedisServer(data_dir=Path(tmp_path_factory.mktemp("redis")), port=free_port())
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[S3Server]:
    server = S3Server(log_dir=Path(tmp_path_factory.mktemp("s3")), port=free_port())
    server.start()
    ensure_buckets(server.endpoint_url)
    try:
        yield server
    finally:
        server.stop()
