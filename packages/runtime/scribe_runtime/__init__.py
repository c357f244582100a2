"""What the API and the worker both run on, written once: the S3 client (one retry policy, one
error type), the FFmpeg runner (a cancelled or timed-out call kills FFmpeg) and the log set-up
(JSON lines in production, LOG_LEVEL honoured). No torch, no web framework: both sides install it."""

from scribe_runtime.env_file import env_file
from scribe_runtime.logging import configure_logging
from scribe_runtime.storage import ObjectInfo, ObjectStore, S3Credentials, StorageError
from scribe_runtime.tools import ToolResult, ToolTimeout, run_tool

__all__ = [
    "ObjectInfo",
    "ObjectStore",
    "S3Credentials",
    "StorageError",
    "ToolResult",
    "ToolTimeout",
    "configure_logging",
    "env_file",
    "run_tool",
]
