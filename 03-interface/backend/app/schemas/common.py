"""Constrained string types shared by the request bodies."""

from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BaseModel, Field, ValidationError
from scribe_contracts import MAX_FILENAME_LENGTH, MAX_NAME_LENGTH, MAX_SPEAKER_LABEL_LENGTH, MAX_TITLE_LENGTH

from app.core.errors import InvalidInput

CONTROL_CHARACTERS = tuple(chr(code) for code in (*range(0x20), 0x7F))


def _printable(value: str) -> str:
    # PostgreSQL text and JSONB cannot store NUL; other control characters have no place in names either.
    if any(character in value for character in CONTROL_CHARACTERS):
        raise ValueError("must not contain control characters")
    return value


PlainText = Annotated[str, AfterValidator(_printable)]
# Length first, then the character check: a too-long value is told its limit in characters.
SpeakerLabel = Annotated[
    str, Field(min_length=1, max_length=MAX_SPEAKER_LABEL_LENGTH, examples=["SPEAKER_00"]), AfterValidator(_printable)
]
Title = Annotated[
    str, Field(min_length=1, max_length=MAX_TITLE_LENGTH, examples=["Weekly sync"]), AfterValidator(_printable)
]
PersonName = Annotated[
    str, Field(min_length=1, max_length=MAX_NAME_LENGTH, examples=["Ada Lovelace"]), AfterValidator(_printable)
]
FileName = Annotated[
    str, Field(min_length=1, max_length=MAX_FILENAME_LENGTH, examples=["standup.m4a"]), AfterValidator(_printable)
]

Fields = TypeVar("Fields", bound=BaseModel)


def validate_form(model: type[Fields], values: dict[str, Any]) -> Fields:
    """The text fields of a multipart form (which FastAPI does not parse for streamed bodies),
    validated by `model`; what fails is a 422 naming each field, like any other request body."""
    try:
        return model.model_validate(values)
    except ValidationError as error:
        details = [{"loc": list(item["loc"]), "message": item["msg"]} for item in error.errors()]
        raise InvalidInput("invalid form fields", details) from error
