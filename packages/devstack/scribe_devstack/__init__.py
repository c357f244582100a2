"""Real PostgreSQL, Redis and S3 servers as local processes, and the whole platform on top of them:
for the test suites and `manage.sh dev`."""

from scribe_devstack.platform import LocalPlatform, PlatformState, Ports, worker_command
from scribe_devstack.postgres import PostgresServer
from scribe_devstack.process import free_port
from scribe_devstack.redis import RedisServer
from scribe_devstack.s3 import S3Server, ensure_buckets

__all__ = [
    "LocalPlatform",
    "PlatformState",
    "Ports",
    "PostgresServer",
    "RedisServer",
    "S3Server",
    "ensure_buckets",
    "free_port",
    "worker_command",
]
