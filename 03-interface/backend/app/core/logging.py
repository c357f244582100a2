"""structlog set up once: JSON lines in production, readable key=value locally."""

import logging

import structlog

from app.core.config import Environment


def configure_logging(environment: Environment) -> None:
    renderer: structlog.typing.Processor = (
        structlog.processors.JSONRenderer()
        if environment is Environment.PRODUCTION
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.INFO),
        cache_logger_on_first_use=True,
    )
