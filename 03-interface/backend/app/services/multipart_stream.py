"""multipart/form-data parsed straight from the request's byte stream.

Starlette's `UploadFile` spools the file to disk; here the file part is handed out chunk by chunk
as the client sends it, so nothing is buffered beyond one network chunk. Text fields are small and
collected with a size cap.
"""

from collections.abc import AsyncIterator
from dataclasses import dataclass

from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header

from app.core.errors import InvalidInput, UnsupportedMediaType

MAX_FIELD_BYTES = 16 * 1024


@dataclass(frozen=True)
class FilePart:
    filename: str | None
    declared_content_type: str | None


class MultipartStream:
    def __init__(self, body: AsyncIterator[bytes], content_type: str, file_field: str) -> None:
        media_type, options = parse_options_header(content_type)
        boundary = options.get(b"boundary")
        if media_type != b"multipart/form-data" or not boundary:
            raise UnsupportedMediaType("the request body must be multipart/form-data with a boundary")
        self._body = body
        self._file_field = file_field
        self.fields: dict[str, str] = {}
        self.file: FilePart | None = None
        self._pending: list[bytes] = []
        self._in_file = False
        self._file_done = False
        self._ended = False
        self._headers: dict[bytes, bytes] = {}
        self._header_field = bytearray()
        self._header_value = bytearray()
        self._field_name: str | None = None
        self._field_value = bytearray()
        self._parser = MultipartParser(
            boundary,
            {
                "on_part_begin": self._on_part_begin,
                "on_header_field": lambda data, start, end: self._header_field.extend(data[start:end]),
                "on_header_value": lambda data, start, end: self._header_value.extend(data[start:end]),
                "on_header_end": self._on_header_end,
                "on_headers_finished": self._on_headers_finished,
                "on_part_data": self._on_part_data,
                "on_part_end": self._on_part_end,
                "on_end": self._on_end,
            },
        )

    # --- parser callbacks ---------------------------------------------------------------------
    def _on_part_begin(self) -> None:
        self._headers = {}
        self._field_value = bytearray()

    def _on_header_end(self) -> None:
        self._headers[bytes(self._header_field).lower()] = bytes(self._header_value)
        self._header_field.clear()
        self._header_value.clear()

    def _on_headers_finished(self) -> None:
        _, options = parse_options_header(self._headers.get(b"content-disposition", b""))
        name = options.get(b"name", b"").decode("utf-8", "replace")
        filename = options.get(b"filename")
        if name == self._file_field:
            if self.file is not None:
                raise InvalidInput(f"send exactly one '{self._file_field}' part")
            declared = self._headers.get(b"content-type")
            self.file = FilePart(
                filename=filename.decode("utf-8", "replace") if filename is not None else None,
                declared_content_type=declared.decode("latin-1") if declared else None,
            )
            self._in_file = True
        else:
            self._field_name = name

    def _on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self._in_file:
            self._pending.append(bytes(data[start:end]))
            return
        self._field_value.extend(data[start:end])
        if len(self._field_value) > MAX_FIELD_BYTES:
            raise InvalidInput(f"form field '{self._field_name}' is longer than {MAX_FIELD_BYTES} bytes")

    def _on_part_end(self) -> None:
        if self._in_file:
            self._in_file = False
            self._file_done = True
        elif self._field_name:
            self.fields[self._field_name] = self._field_value.decode("utf-8", "replace")

    def _on_end(self) -> None:
        self._ended = True

    # --- pulling from the body ----------------------------------------------------------------
    async def _pump(self) -> bool:
        """Feed the next network chunk to the parser; False once the body is exhausted."""
        chunk = await anext(self._body, None)
        if chunk is None:
            if not self._ended:
                raise InvalidInput("the multipart body ended before its closing boundary")
            return False
        try:
            self._parser.write(chunk)
        except FormParserError as error:
            raise InvalidInput("the multipart body is malformed", str(error)) from error
        return True

    async def open_file(self) -> FilePart | None:
        """Parse until the file part starts; None when the body has no such part."""
        while self.file is None and await self._pump():
            pass
        return self.file

    async def read_file(self) -> bytes:
        """The next bytes of the file part; b"" once it is complete."""
        while not self._pending and not self._file_done and await self._pump():
            pass
        data = b"".join(self._pending)
        self._pending.clear()
        return data

    async def finish(self) -> dict[str, str]:
        """Parse the rest of the body (fields after the file) and return all text fields."""
        while await self._pump():
            self._pending.clear()
        return self.fields
