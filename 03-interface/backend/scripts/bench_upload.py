"""Upload benchmark: a generated stream through `POST /api/v1/process/` vs plain boto3 `upload_file`.

Starts its own PostgreSQL, Redis, S3 (moto) and a uvicorn API process, streams SIZE_MB of generated
media through the API, and prints the API process's peak RSS growth (target: under 50 MB) and the
throughput next to boto3's `upload_file` of the same bytes from a file.

    .venv/bin/python scripts/bench_upload.py [--size-mb 1024]
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import boto3
import httpx
import psutil
from botocore.config import Config
from scribe_devstack import PostgresServer, RedisServer, S3Server, ensure_buckets, free_port
from scribe_devstack.process import spawn, terminate_group, wait_until

BACKEND = Path(__file__).resolve().parents[1]
MB = 1024 * 1024
CHUNK = MB
BOUNDARY = "scribe-bench-boundary"
# A WAV header so the content sniffing accepts the stream; the rest is a repeated pseudo-random block.
WAV_HEAD = b"RIFF\xff\xff\xff\xffWAVEfmt " + bytes(28)
BLOCK = os.urandom(CHUNK)


def media_chunks(size: int) -> Iterator[bytes]:
    yield WAV_HEAD
    sent = len(WAV_HEAD)
    while sent < size:
        piece = BLOCK[: min(CHUNK, size - sent)]
        sent += len(piece)
        yield piece


def multipart(size: int) -> tuple[Iterator[bytes], int]:
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="bench.wav"\r\n'
        "Content-Type: audio/wav\r\n\r\n"
    ).encode()
    tail = f"\r\n--{BOUNDARY}--\r\n".encode()

    def body() -> Iterator[bytes]:
        yield head
        yield from media_chunks(size)
        yield tail

    return body(), len(head) + size + len(tail)


class PeakRss:
    """Samples a process's resident memory every few milliseconds in a thread."""

    def __init__(self, pid: int) -> None:
        self._process = psutil.Process(pid)
        self.baseline = self._rss()
        self.peak = self.baseline
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _rss(self) -> int:
        return int(self._process.memory_info().rss)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._rss())
            time.sleep(0.005)

    def __enter__(self) -> "PeakRss":
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def api_upload(api: str, token: str, size: int, api_pid: int) -> tuple[float, int]:
    body, length = multipart(size)
    headers = {
        "Authorization": f"Bearer {token}",
        "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
        "Content-Length": str(length),
    }
    with PeakRss(api_pid) as rss:
        started = time.perf_counter()
        response = httpx.post(f"{api}/api/v1/process/", headers=headers, content=body, timeout=3600)
        elapsed = time.perf_counter() - started
    response.raise_for_status()
    return elapsed, rss.peak - rss.baseline


def boto3_upload(endpoint: str, size: int, folder: Path) -> float:
    path = folder / "bench.bin"
    with path.open("wb") as file:
        for chunk in media_chunks(size):
            file.write(chunk)
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="bench",
        aws_secret_access_key="bench",
        region_name="us-east-1",
        config=Config(s3={"addressing_style": "path"}),
    )
    started = time.perf_counter()
    client.upload_file(str(path), "uploads", "bench/plain-boto3")
    elapsed = time.perf_counter() - started
    client.delete_object(Bucket="uploads", Key="bench/plain-boto3")
    path.unlink()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=int, default=1024)
    size = parser.parse_args().size_mb * MB
    folder = Path(tempfile.mkdtemp(prefix="scribe-bench-"))
    folder.chmod(0o755)
    postgres = PostgresServer(data_dir=folder / "pg", port=free_port())
    redis = RedisServer(data_dir=folder / "redis", port=free_port())
    s3 = S3Server(log_dir=folder, port=free_port())
    api_process = None
    try:
        postgres.start()
        postgres.create_database("bench")
        redis.start()
        s3.start()
        ensure_buckets(s3.endpoint_url)
        env = {
            "ENVIRONMENT": "test",
            "DATABASE_URL": postgres.url("bench"),
            "REDIS_URL": redis.url,
            "S3_ENDPOINT_URL": s3.endpoint_url,
            "S3_ACCESS_KEY": "bench",
            "S3_SECRET_KEY": "bench",
            "JWT_SECRET": "bench-" + "x" * 40,
            "MAX_UPLOAD_BYTES": str(max(size, 16 * MB) + MB),
        }
        subprocess.run(
            [str(Path(sys.executable).with_name("alembic")), "upgrade", "head"],
            cwd=BACKEND,
            env={**os.environ, **env},
            check=True,
            capture_output=True,
        )
        port = free_port()
        api_process = spawn(
            [str(Path(sys.executable).with_name("uvicorn")), "app.main:app", "--port", str(port)],
            folder / "api.log",
            env=env,
            cwd=BACKEND,
        )
        api = f"http://127.0.0.1:{port}"
        wait_until(lambda: _healthy(api), 60, "the API")
        credentials = {"email": "bench@example.com", "password": "bench-password"}
        httpx.post(f"{api}/api/v1/auth/register", json=credentials).raise_for_status()
        token = httpx.post(f"{api}/api/v1/auth/login", json=credentials).json()["access_token"]

        api_upload(api, token, 16 * MB, api_process.pid)  # warm-up: thread pools, clients, imports
        api_s, rss_growth = api_upload(api, token, size, api_process.pid)
        boto3_s = boto3_upload(s3.endpoint_url, size, folder)
        mb = size / MB
        print(f"size:                      {mb:.0f} MB")
        print(f"API peak RSS growth:       {rss_growth / MB:.1f} MB (target < 50 MB)")
        print(f"API upload:                {api_s:.1f} s, {mb / api_s:.1f} MB/s")
        print(f"boto3 upload_file:         {boto3_s:.1f} s, {mb / boto3_s:.1f} MB/s")
        print(f"API / boto3 throughput:    {boto3_s / api_s:.2f}")
    finally:
        if api_process is not None:
            terminate_group(api_process.pid)
        s3.stop()
        redis.stop()
        postgres.stop()
        shutil.rmtree(folder, ignore_errors=True)


def _healthy(api: str) -> bool:
    try:
        return httpx.get(f"{api}/health", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


if __name__ == "__main__":
    main()
