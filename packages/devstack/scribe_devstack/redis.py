"""A Redis server of our own on a chosen port."""

import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from scribe_devstack.process import port_open, spawn, terminate_group, wait_until


@dataclass
class RedisServer:
    data_dir: Path
    port: int
    append_only: bool = False
    _process: subprocess.Popen[bytes] | None = field(default=None, init=False, repr=False)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def start(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise FileNotFoundError("redis-server is not installed (apt-get install redis-server)")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        argv = [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.data_dir)]
        argv += ["--appendonly", "yes", "--save", "60 1"] if self.append_only else ["--appendonly", "no", "--save", ""]
        self._process = spawn(argv, self.data_dir / "redis.log")
        wait_until(lambda: port_open(self.port), 20, "Redis")

    def stop(self) -> None:
        if self._process is not None:
            terminate_group(self._process.pid)
            self._process.wait(timeout=10)
            self._process = None
