"""GET /meetings/{id}/export over HTTP: every character survives, and rendering leaves the event loop free."""

import asyncio
import io
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis
from docx import Document
from pypdf import PdfReader
from scribe_contracts import MeetingKeys, TranscriptDocument, TranscriptSegment

from app.core.config import Settings
from app.main import create_app
from app.services.exports import ExportFormat, PdfFonts, render
from tests.conftest import Headers, running_client
from tests.multilingual import EXPECTED, NAMES, TITLE, multilingual_transcript
from tests.worker_output import process_like_the_worker

DEFAULTS = Settings()
FONTS = PdfFonts(DEFAULTS.pdf_font_regular, DEFAULTS.pdf_font_bold, tuple(DEFAULTS.pdf_font_fallback))


@pytest.fixture
async def processed(
    client: httpx.AsyncClient, alice: Headers, s3: Any, redis_client: redis.Redis, tmp_path: Path
) -> dict[str, Any]:
    return await process_like_the_worker(client, alice, s3, redis_client, tmp_path)


def store_transcript(s3: Any, meeting: dict[str, Any], transcript: TranscriptDocument) -> None:
    """Replace the worker's transcript of the meeting in S3 (the API reads it at every request)."""
    keys = MeetingKeys(workspace_id=meeting["workspace_id"], meeting_id=meeting["id"])
    s3.put_object(Bucket="processed", Key=keys.transcript, Body=transcript.model_dump_json().encode())


@pytest.fixture
async def multilingual(client: httpx.AsyncClient, alice: Headers, processed: dict[str, Any], s3: Any) -> str:
    """A completed meeting whose title, speaker names (the user's renames) and speech mix scripts."""
    store_transcript(s3, processed, multilingual_transcript(uuid.UUID(processed["id"]), named=False))
    url = f"/api/v1/meetings/{processed['id']}"
    names = {label: {"name": name} for label, name in NAMES.items()}
    renamed = await client.patch(url, headers=alice, json={"title": TITLE, "speaker_names": names})
    assert renamed.status_code == 200, renamed.text
    return url


async def test_pdf_export_keeps_every_character(client: httpx.AsyncClient, alice: Headers, multilingual: str) -> None:
    response = await client.get(f"{multilingual}/export", headers=alice, params={"format": "pdf"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for expected in EXPECTED:
        assert expected in text


async def test_docx_export_keeps_every_character(client: httpx.AsyncClient, alice: Headers, multilingual: str) -> None:
    response = await client.get(f"{multilingual}/export", headers=alice, params={"format": "docx"})
    assert response.status_code == 200, response.text
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    for expected in EXPECTED:
        assert expected in text


def long_transcript(meeting_id: uuid.UUID, segments: int) -> TranscriptDocument:
    document = multilingual_transcript(meeting_id)
    line = "Zażółć gęślą jaźń, Łódź — Καλημέρα κόσμε — 会议记录 ミーティング 회의 — and some plain words"
    document.segments = [
        TranscriptSegment(speaker="SPEAKER_00", person="Jürgen Übermaß", start=i * 2.0, end=i * 2.0 + 1.5, text=line)
        for i in range(segments)
    ]
    return document


async def test_a_long_pdf_export_leaves_the_event_loop_free(
    client: httpx.AsyncClient, alice: Headers, processed: dict[str, Any], s3: Any
) -> None:
    segments, render_s = 750, 0.0
    while render_s < 0.5:  # long enough to tell a blocked loop from a free one, on any machine
        segments *= 2
        document = long_transcript(uuid.UUID(processed["id"]), segments)
        started = time.perf_counter()
        render(ExportFormat.PDF, TITLE, document, FONTS)  # how long rendering alone blocks whoever runs it
        render_s = time.perf_counter() - started
    store_transcript(s3, processed, document)

    loop = asyncio.get_running_loop()
    longest_gap = 0.0
    done = asyncio.Event()

    async def ticker() -> None:
        nonlocal longest_gap
        last = loop.time()
        while not done.is_set():
            await asyncio.sleep(0.005)
            longest_gap = max(longest_gap, loop.time() - last)
            last = loop.time()

    ticking = asyncio.create_task(ticker())
    try:
        response = await client.get(
            f"/api/v1/meetings/{processed['id']}/export", headers=alice, params={"format": "pdf"}
        )
    finally:
        done.set()
        await ticking
    assert response.status_code == 200, response.text
    # Rendered on the loop, one gap would last the whole rendering; in a thread the loop keeps ticking.
    assert longest_gap < render_s / 2, f"the event loop stalled {longest_gap:.2f} s (rendering takes {render_s:.2f} s)"


async def test_a_missing_font_fails_the_pdf_export_rather_than_dropping_characters(
    settings: Settings, alice: Headers, multilingual: str, tmp_path: Path
) -> None:
    """A server whose font is gone refuses the PDF with a clear error; other exports still work."""
    missing = settings.model_copy(update={"pdf_font_regular": tmp_path / "missing.ttf"})
    async for other in running_client(create_app(missing, consume_events=False)):
        pdf = await other.get(f"{multilingual}/export", headers=alice, params={"format": "pdf"})
        assert pdf.status_code == 500
        assert pdf.json()["error"]["code"] == "pdf_font_missing"
        assert "PDF_FONT_REGULAR" in pdf.json()["error"]["message"]
        assert str(tmp_path) not in pdf.text
        docx = await other.get(f"{multilingual}/export", headers=alice, params={"format": "docx"})
        assert docx.status_code == 200
