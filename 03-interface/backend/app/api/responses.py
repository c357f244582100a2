"""OpenAPI descriptions shared by the routes: the error body and multipart request bodies."""

from typing import Any

from app.core.errors import ErrorBody


def errors(*status_codes: int) -> dict[int | str, dict[str, Any]]:
    """Document the listed error statuses with the one error body shape."""
    return {code: {"model": ErrorBody} for code in status_codes}


def multipart_body(properties: dict[str, dict[str, Any]], required: list[str]) -> dict[str, Any]:
    """A multipart/form-data request body for routes that parse the stream themselves."""
    return {
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": properties,
                        "required": required,
                    }
                }
            },
        }
    }
