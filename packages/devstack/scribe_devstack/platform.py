"""The whole platform as local processes: infrastructure, migrations, API, worker, frontend.

One implementation serves `manage.sh dev` (persistent data under `volumes/local`, fixed ports),
the cross-service tests and the browser tests (temporary directory, free ports). The state file
records every PID so `stop` ends exactly what `start` began.
"""

import json
import os
import secrets
import subprocess
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

from scribe_devstack.postgres import PostgresServer
from scribe_devstack.process import free_port, pid_alive, port_open, spawn, terminate_group, wait_until
from scribe_devstack.redis import RedisServer
from scribe_devstack.s3 import S3Server, ensure_buckets

DATABASE = "scribe"
APP_ROLE = "scribe_app"
# An idle taskiq stream worker ignores SIGTERM until a message arrives (machine-notes): bounded grace, then SIGKILL.
WORKER_GRACE_S = 10.0


@dataclass
class Ports:
    postgres: int
    redis: int
    s3: int
    api: int
    web: int

    @classmethod
    def free(cls) -> "Ports":
        return cls(free_port(), free_port(), free_port(), free_port(), free_port())


@dataclass
class PlatformState:
    ports: Ports
    pids: dict[str, int] = field(default_factory=dict)

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.ports.api}"

    @property
    def web_url(self) -> str:
        return f"http://127.0.0.1:{self.ports.web}"


class LocalPlatform:
    """Starts and stops the platform's processes for one data directory."""

    def __init__(self, repo_root: Path, data_dir: Path) -> None:
        self.repo = repo_root.resolve()
        self.data_dir = data_dir.resolve()
        self.state_file = self.data_dir / "run" / "platform.json"
        self.logs = self.data_dir / "logs"

    # --- state -----------------------------------------------------------------------------
    def load_state(self) -> PlatformState | None:
        if not self.state_file.exists():
            return None
        raw = json.loads(self.state_file.read_text())
        return PlatformState(ports=Ports(**raw["ports"]), pids=raw["pids"])

    def _save(self, state: PlatformState) -> None:
        self.state_file.parent.mkdir(parents=True, exist_ok=True)
        self.state_file.write_text(json.dumps(asdict(state), indent=2))

    # --- environment -----------------------------------------------------------------------
    def env(self, ports: Ports) -> dict[str, str]:
        """The environment every service of the local platform reads."""
        return {
            "ENVIRONMENT": "local",
            # Every value is set here: a production .env at the repository root is not for this stack.
            "SCRIBE_ENV_FILE": "",
            # The API as the application role (row-level security binds it); migrations as the owner.
            "DATABASE_URL": f"postgresql+asyncpg://{APP_ROLE}@127.0.0.1:{ports.postgres}/{DATABASE}",
            "MIGRATION_DATABASE_URL": f"postgresql+asyncpg://postgres@127.0.0.1:{ports.postgres}/{DATABASE}",
            "REDIS_URL": f"redis://127.0.0.1:{ports.redis}/0",
            "S3_ENDPOINT_URL": f"http://127.0.0.1:{ports.s3}",
            "S3_ACCESS_KEY": "local-access-key",
            "S3_SECRET_KEY": "local-secret-key",
            "S3_REGION": "us-east-1",
            "JWT_SECRET": self._local_secret(),
            "MODELS_DIR": str(self.repo / "volumes" / "models"),
            "HF_HUB_OFFLINE": "1",
            "PYANNOTE_METRICS_ENABLED": "false",
            "API_BASE_URL": f"http://127.0.0.1:{ports.api}",
            # Where invitation links point: this stack's web app.
            "WEB_BASE_URL": f"http://127.0.0.1:{ports.web}",
            "PORT": str(ports.web),
            "HOSTNAME": "127.0.0.1",
        }

    def _local_secret(self) -> str:
        """A random JWT secret kept with the data, so tokens survive restarts of `dev`."""
        path = self.data_dir / "run" / "jwt-secret"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(48))
        return path.read_text().strip()

    # --- start/stop --------------------------------------------------------------------------
    def start(self, ports: Ports, with_worker: bool = True, with_frontend: bool = True) -> PlatformState:
        if self.load_state() is not None:
            raise RuntimeError(f"the platform is already running from {self.data_dir}; stop it first")
        state = PlatformState(ports=ports)
        try:
            self._start_infrastructure(state)
            self._migrate(state)
            self._start_api(state)
            if with_worker:
                self._start_worker(state)
            if with_frontend:
                self._start_frontend(state)
        except BaseException:
            self.stop()
            raise
        return state

    def _start_infrastructure(self, state: PlatformState) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.data_dir.chmod(0o755)
        postgres = PostgresServer(data_dir=self.data_dir / "postgres", port=state.ports.postgres)
        postgres.start(durable=True)
        self._save(state)  # from here on `stop` knows the cluster
        try:
            postgres.create_database(DATABASE)
        except RuntimeError as error:
            if "already exists" not in str(error):
                raise
        redis = RedisServer(data_dir=self.data_dir / "redis", port=state.ports.redis, append_only=True)
        redis.start()
        state.pids["redis"] = _pid(redis.pid)
        self._save(state)
        s3 = S3Server(log_dir=self.logs, port=state.ports.s3)
        s3.start()
        state.pids["s3"] = _pid(s3.pid)
        self._save(state)
        ensure_buckets(f"http://127.0.0.1:{state.ports.s3}")

    def _migrate(self, state: PlatformState) -> None:
        backend = self.repo / "03-interface" / "backend"
        done = subprocess.run(
            [str(backend / ".venv" / "bin" / "alembic"), "upgrade", "head"],
            cwd=backend,
            env={**os.environ, **self.env(state.ports)},
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise RuntimeError(f"database migration failed: {done.stderr.strip()[-2000:]}")

    def _start_api(self, state: PlatformState) -> None:
        backend = self.repo / "03-interface" / "backend"
        self._launch(
            state,
            "api",
            [
                str(backend / ".venv" / "bin" / "uvicorn"),
                "app.main:app",
                "--host",
                "127.0.0.1",
                "--port",
                str(state.ports.api),
            ],
            cwd=backend,
        )
        wait_until(lambda: _http_ok(f"{state.api_url}/health"), 60, "the API")

    def _start_worker(self, state: PlatformState) -> None:
        workers = self.repo / "02-workers"
        self._launch(state, "worker", worker_command(workers / ".venv" / "bin" / "taskiq"), cwd=workers)
        time.sleep(2)
        if not pid_alive(state.pids["worker"]):
            raise RuntimeError(f"the worker exited at start; see {self.logs / 'worker.log'}")

    def _start_frontend(self, state: PlatformState) -> None:
        frontend = self.repo / "03-interface" / "frontend-nextjs"
        server = frontend / ".next" / "standalone" / "server.js"
        if not server.exists():
            raise RuntimeError("the frontend is not built: run `npm run build` in 03-interface/frontend-nextjs")
        self._launch(state, "web", ["node", str(server)], cwd=server.parent)
        wait_until(lambda: port_open(state.ports.web), 60, "the frontend")

    def _launch(self, state: PlatformState, name: str, argv: list[str], cwd: Path) -> None:
        process = spawn(argv, self.logs / f"{name}.log", env=self.env(state.ports), cwd=cwd)
        state.pids[name] = process.pid
        self._save(state)

    def stop(self) -> None:
        state = self.load_state()
        if state is None:
            return
        for name in ("web", "worker", "api", "s3", "redis"):
            pid = state.pids.get(name)
            if pid and pid_alive(pid):
                terminate_group(pid, grace_s=WORKER_GRACE_S if name == "worker" else 5.0)
        PostgresServer(data_dir=self.data_dir / "postgres", port=state.ports.postgres).stop()
        self.state_file.unlink()

    def status(self) -> dict[str, bool]:
        state = self.load_state()
        if state is None:
            return {}
        running = {name: pid_alive(pid) for name, pid in state.pids.items()}
        running["postgres"] = port_open(state.ports.postgres)
        return running


def worker_command(taskiq: Path) -> list[str]:
    """The worker as production runs it: one process, one job at a time (the models fill a GPU)."""
    tasks = ["app.worker.broker:broker", "app.worker.tasks"]
    return [str(taskiq), "worker", *tasks, "--workers", "1", "--max-async-tasks", "1"]


def _pid(pid: int | None) -> int:
    if pid is None:
        raise RuntimeError("process did not start")
    return pid


def _http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False
