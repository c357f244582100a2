"""Typed errors, each mapped once to an HTTP status, and the one error body shape.

Every error answers `{"error": {"code": ..., "message": ..., "details": ...}}`.
"""

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from scribe_runtime import StorageError
from sqlalchemy.exc import InterfaceError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

log = structlog.get_logger()


class ErrorDetail(BaseModel):
    code: str
    message: str
    details: Any = None


class ErrorBody(BaseModel):
    error: ErrorDetail


class AppError(Exception):
    status_code = 500
    code = "internal_error"

    def __init__(self, message: str, details: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class NotAuthenticated(AppError):
    status_code = 401
    code = "not_authenticated"


class Forbidden(AppError):
    status_code = 403
    code = "forbidden"


class WrongPassword(AppError):
    """The password given to confirm an action is wrong (the session itself is fine)."""

    status_code = 403
    code = "wrong_password"


class NotFound(AppError):
    status_code = 404
    code = "not_found"


class Conflict(AppError):
    status_code = 409
    code = "conflict"


class Gone(AppError):
    status_code = 410
    code = "gone"


class PayloadTooLarge(AppError):
    status_code = 413
    code = "payload_too_large"


class UnsupportedMediaType(AppError):
    status_code = 415
    code = "unsupported_media_type"


class InvalidInput(AppError):
    status_code = 422
    code = "invalid_input"


class ServiceUnavailable(AppError):
    status_code = 503
    code = "service_unavailable"


def error_response(
    status_code: int, code: str, message: str, details: Any = None, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    body = ErrorBody(error=ErrorDetail(code=code, message=message, details=details))
    return JSONResponse(body.model_dump(mode="json"), status_code=status_code, headers=headers)


_HTTP_CODES = {
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
}


async def _app_error(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, AppError)
    headers = {"WWW-Authenticate": "Bearer"} if isinstance(error, NotAuthenticated) else None
    return error_response(error.status_code, error.code, error.message, error.details, headers)


async def _http_error(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    code = _HTTP_CODES.get(error.status_code, "http_error")
    return error_response(error.status_code, code, str(error.detail), headers=error.headers)


async def _validation_error(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    details = [{"loc": list(item["loc"]), "message": item["msg"]} for item in error.errors()]
    return error_response(422, "validation_error", "request validation failed", details)


def _dependency_down(code: str, message: str) -> Callable[[Request, Exception], Awaitable[JSONResponse]]:
    """A 503 that names the dependency and nothing more: the error's text (hosts, keys, SQL) is
    logged, never sent to the client."""

    async def handle(request: Request, error: Exception) -> JSONResponse:
        log.error(code, path=request.url.path, error=str(error), error_type=type(error).__name__)
        return error_response(503, code, message)

    return handle


async def _unexpected_error(request: Request, error: Exception) -> JSONResponse:
    log.exception("unhandled_error", path=request.url.path, exc_info=error)
    return error_response(500, "internal_error", "internal server error")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AppError, _app_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    database_down = _dependency_down("database_unavailable", "the database is unavailable")
    for connection_error in (OperationalError, InterfaceError, ConnectionError):
        app.add_exception_handler(connection_error, database_down)
    app.add_exception_handler(StorageError, _dependency_down("storage_unavailable", "object storage is unavailable"))
    app.add_exception_handler(Exception, _unexpected_error)
