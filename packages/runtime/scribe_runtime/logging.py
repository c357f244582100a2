"""structlog set up once per process: JSON lines in production (for the log collector), readable
key=value lines elsewhere; records under LOG_LEVEL are dropped. Jobs and requests bind their IDs
(`structlog.contextvars`), so every line says which meeting it is about."""

import logging
import sys

import structlog


def configure_logging(level: str, *, json: bool) -> None:
    numeric_level = logging.getLevelName(level.upper())
    if not isinstance(numeric_level, int):
        raise ValueError(f"unknown LOG_LEVEL '{level}': use DEBUG, INFO, WARNING or ERROR")
    logging.basicConfig(format="%(message)s", stream=sys.stderr, level=numeric_level)
    renderer: structlog.typing.Processor = (
        structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer(colors=False)
    )
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(numeric_level),
        logger_factory=structlog.PrintLoggerFactory(sys.stderr),
        cache_logger_on_first_use=True,
    )
