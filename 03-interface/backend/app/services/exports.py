"""A transcript rendered as a downloadable file: txt, srt, vtt, json, docx or pdf."""

import io
from collections.abc import Callable
from enum import StrEnum

from docx import Document
from fpdf import FPDF
from scribe_contracts import TranscriptDocument, TranscriptSegment


class ExportFormat(StrEnum):
    TXT = "txt"
    SRT = "srt"
    VTT = "vtt"
    JSON = "json"
    DOCX = "docx"
    PDF = "pdf"


MEDIA_TYPES = {
    ExportFormat.TXT: "text/plain; charset=utf-8",
    ExportFormat.SRT: "application/x-subrip; charset=utf-8",
    ExportFormat.VTT: "text/vtt; charset=utf-8",
    ExportFormat.JSON: "application/json",
    ExportFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ExportFormat.PDF: "application/pdf",
}


def speaker_name(segment: TranscriptSegment) -> str:
    return segment.person or segment.speaker


def _clock(seconds: float, separator: str) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def _short_clock(seconds: float) -> str:
    return _clock(seconds, ".")[:8]


def _lines(transcript: TranscriptDocument) -> list[str]:
    return [f"[{_short_clock(s.start)}] {speaker_name(s)}: {s.text.strip()}" for s in transcript.segments]


def to_txt(title: str, transcript: TranscriptDocument) -> bytes:
    return "\n".join([title, "", *_lines(transcript), ""]).encode("utf-8")


def to_srt(_: str, transcript: TranscriptDocument) -> bytes:
    cues = [
        f"{index}\n{_clock(s.start, ',')} --> {_clock(s.end, ',')}\n{speaker_name(s)}: {s.text.strip()}\n"
        for index, s in enumerate(transcript.segments, start=1)
    ]
    return "\n".join(cues).encode("utf-8")


def to_vtt(_: str, transcript: TranscriptDocument) -> bytes:
    cues = [
        f"{_clock(s.start, '.')} --> {_clock(s.end, '.')}\n<v {speaker_name(s)}>{s.text.strip()}\n"
        for s in transcript.segments
    ]
    return "\n".join(["WEBVTT\n", *cues]).encode("utf-8")


def to_json(_: str, transcript: TranscriptDocument) -> bytes:
    return transcript.model_dump_json(indent=2).encode("utf-8")


def to_docx(title: str, transcript: TranscriptDocument) -> bytes:
    document = Document()
    document.add_heading(title, level=1)
    for segment in transcript.segments:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"[{_short_clock(segment.start)}] {speaker_name(segment)}: ").bold = True
        paragraph.add_run(segment.text.strip())
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def to_pdf(title: str, transcript: TranscriptDocument) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    # The core fonts are Latin-1 only: other characters are replaced rather than failing the export.
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 8, _latin1(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    for line in _lines(transcript):
        pdf.multi_cell(0, 6, _latin1(line), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _latin1(text: str) -> str:
    return text.encode("latin-1", "replace").decode("latin-1")


RENDERERS: dict[ExportFormat, Callable[[str, TranscriptDocument], bytes]] = {
    ExportFormat.TXT: to_txt,
    ExportFormat.SRT: to_srt,
    ExportFormat.VTT: to_vtt,
    ExportFormat.JSON: to_json,
    ExportFormat.DOCX: to_docx,
    ExportFormat.PDF: to_pdf,
}


def render(export_format: ExportFormat, title: str, transcript: TranscriptDocument) -> bytes:
    return RENDERERS[export_format](title, transcript)
