"""An S3 endpoint over real HTTP (moto's standalone server), plus bucket creation.

moto does not check credentials or signatures and keeps objects in memory only; MinIO in the
compose stack is what proves those. The same boto3 code talks to both.
"""

import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from scribe_devstack.process import port_open, spawn, terminate_group, wait_until

BUCKETS = ("uploads", "processed", "identity-bank")


@dataclass
class S3Server:
    log_dir: Path
    port: int
    _process: subprocess.Popen[bytes] | None = field(default=None, init=False, repr=False)

    @property
    def endpoint_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def start(self) -> None:
        moto = Path(sys.executable).with_name("moto_server")
        self._process = spawn([str(moto), "-H", "127.0.0.1", "-p", str(self.port)], self.log_dir / "s3.log")
        wait_until(lambda: port_open(self.port), 30, "S3 (moto)")

    def stop(self) -> None:
        if self._process is not None:
            terminate_group(self._process.pid)
            self._process.wait(timeout=10)
            self._process = None


def ensure_buckets(endpoint_url: str, access_key: str = "test", secret_key: str = "test") -> None:
    """Create the platform's buckets if they do not exist yet (idempotent)."""
    client = boto3.client(
        "s3",
        endpoint_url=endpoint_url,
        aws_access_key_id=access_key,
        aws_secret_access_key=secret_key,
        region_name="us-east-1",
        config=Config(s3={"addressing_style": "path"}),
    )
    for bucket in BUCKETS:
        try:
            client.create_bucket(Bucket=bucket)
        except ClientError as error:
            if error.response["Error"]["Code"] not in ("BucketAlreadyOwnedByYou", "BucketAlreadyExists"):
                raise
