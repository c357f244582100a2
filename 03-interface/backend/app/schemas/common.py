"""Constrained string types shared by the request bodies."""

from typing import Annotated

from pydantic import AfterValidator, Field

CONTROL_CHARACTERS = tuple(chr(code) for code in (*range(0x20), 0x7F))


def _printable(value: str) -> str:
    # PostgreSQL text and JSONB cannot store NUL; other control characters have no place in names either.
    if any(character in value for character in CONTROL_CHARACTERS):
        raise ValueError("must not contain control characters")
    return value


PlainText = Annotated[str, AfterValidator(_printable)]
SpeakerLabel = Annotated[PlainText, Field(min_length=1, max_length=64, examples=["SPEAKER_00"])]
