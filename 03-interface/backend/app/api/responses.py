"""OpenAPI descriptions shared by the routes: the error body and multipart request bodies."""

from typing import Any

from pydantic import BaseModel

from app.core.errors import ErrorBody


def errors(*status_codes: int) -> dict[int | str, dict[str, Any]]:
    """Document the listed error statuses with the one error body shape."""
    return {code: {"model": ErrorBody} for code in status_codes}


def multipart_body(
    fields: type[BaseModel], files: dict[str, str], exclude: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """A multipart/form-data request body for routes that parse the stream themselves: the text
    fields are `fields`' own JSON schema (the model the service validates them with), plus one
    binary part per entry of `files` (name -> description)."""
    schema = fields.model_json_schema()
    properties = {name: value for name, value in schema["properties"].items() if name not in exclude}
    for name, text in files.items():
        properties[name] = {"type": "string", "format": "binary", "description": text}
    required = [*files, *(name for name in schema.get("required", []) if name not in exclude)]
    body = {"type": "object", "properties": properties, "required": required}
    return {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": body}}}}
