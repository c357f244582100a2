"""`python -m scribe_devstack start|stop|status|env`: the local platform behind `manage.sh dev`."""

import argparse
import json
import os
import shlex
import sys
from pathlib import Path

from scribe_devstack.platform import LocalPlatform, Ports


def _fixed_ports() -> Ports:
    return Ports(
        postgres=int(os.environ.get("DEV_PG_PORT", "54320")),
        redis=int(os.environ.get("DEV_REDIS_PORT", "63790")),
        s3=int(os.environ.get("DEV_S3_PORT", "9000")),
        api=int(os.environ.get("DEV_API_PORT", "8000")),
        web=int(os.environ.get("DEV_WEB_PORT", "3000")),
    )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m scribe_devstack")
    parser.add_argument("command", choices=["start", "stop", "status", "env"])
    parser.add_argument("--repo", type=Path, default=Path.cwd())
    parser.add_argument("--data-dir", type=Path, default=None, help="default: <repo>/volumes/local")
    parser.add_argument("--free-ports", action="store_true", help="pick free ports instead of DEV_*_PORT")
    parser.add_argument("--no-worker", action="store_true")
    parser.add_argument("--no-frontend", action="store_true")
    args = parser.parse_args()
    platform = LocalPlatform(args.repo, args.data_dir or args.repo / "volumes" / "local")

    if args.command == "start":
        ports = Ports.free() if args.free_ports else _fixed_ports()
        state = platform.start(ports, with_worker=not args.no_worker, with_frontend=not args.no_frontend)
        print(json.dumps({"api": state.api_url, "web": state.web_url, "pids": state.pids}))
    elif args.command == "stop":
        platform.stop()
    elif args.command == "status":
        running = platform.status()
        if not running:
            print("not running")
            sys.exit(1)
        for name, alive in running.items():
            print(f"{name:9} {'running' if alive else 'STOPPED'}")
        sys.exit(0 if all(running.values()) else 1)
    else:
        loaded = platform.load_state()
        if loaded is None:
            sys.exit("not running")
        for key, value in platform.env(loaded.ports).items():
            print(f"export {key}={shlex.quote(value)}")


if __name__ == "__main__":
    main()
