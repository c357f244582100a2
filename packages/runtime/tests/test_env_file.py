"""Where the services' settings look for `.env`."""

from pathlib import Path

import pytest
from scribe_runtime import env_file

REPOSITORY = Path(__file__).resolve().parents[3]


def test_the_repository_root_env_file_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SCRIBE_ENV_FILE", raising=False)
    assert env_file() == REPOSITORY / ".env"


def test_another_file_or_none_when_asked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SCRIBE_ENV_FILE", str(tmp_path / "staging.env"))
    assert env_file() == tmp_path / "staging.env"
    monkeypatch.setenv("SCRIBE_ENV_FILE", "")
    assert env_file() is None
