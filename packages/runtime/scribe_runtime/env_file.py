"""Which `.env` file the services' settings read: the repository root's, the same file compose
reads, so a value is written once. `SCRIBE_ENV_FILE` names another file, or, empty, none at all:
the local platform and the test suites set every value themselves and must not pick up a
production `.env` left at the root. Variables already in the environment always win."""

import os
from pathlib import Path

REPOSITORY_ENV_FILE = Path(__file__).resolve().parents[3] / ".env"
"""<repo>/.env for a checkout (this package is installed in editable mode); in an image, where the
package sits in site-packages, no such file exists and compose provides the environment."""


def env_file() -> Path | None:
    configured = os.environ.get("SCRIBE_ENV_FILE")
    if configured is None:
        return REPOSITORY_ENV_FILE
    return Path(configured) if configured else None
