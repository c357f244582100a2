"""The measured child processes' entry point imports the worker code it profiles."""

import importlib


def test_every_child_kind_is_importable_against_the_current_worker_code() -> None:
    """A renamed or moved worker symbol breaks the bench here, not half-way through a 15-minute run."""
    child = importlib.import_module("bench.child")

    assert set(child.KINDS) == {"pipeline", "quality", "naive"}
