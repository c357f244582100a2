"""A transcript rendered as a downloadable file: txt, srt, vtt, json, docx or pdf.

Rendering is synchronous and CPU-bound (python-docx, fpdf2): async callers run `render` in a thread.

The PDF embeds Unicode TrueType fonts (fpdf2's core fonts are Latin-1 only): DejaVu Sans (regular and
bold: Latin, Greek, Cyrillic ...) with WenQuanYi Micro Hei as the fallback for the characters DejaVu
lacks (Chinese, Japanese kana, Korean). The files come from the settings (Debian's paths by
default). A missing font is a `FontMissing` error naming the setting and the package, never a
silent fallback to Latin-1.
"""

import io
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import structlog
from docx import Document
from fpdf import FPDF
from scribe_contracts import TranscriptDocument, TranscriptSegment

from app.core.errors import AppError

log = structlog.get_logger()


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


class FontMissing(AppError):
    """A font the PDF export needs is not installed where the settings say (a server's set-up)."""

    status_code = 500
    code = "pdf_font_missing"


@dataclass(frozen=True)
class PdfFonts:
    """TrueType files (PDF_FONT_REGULAR, PDF_FONT_BOLD, PDF_FONT_FALLBACK in the settings)."""

    regular: Path
    bold: Path
    fallback: tuple[Path, ...]

    def checked(self) -> "PdfFonts":
        """These fonts, if every file exists; else FontMissing naming the setting and the package."""
        named = [("PDF_FONT_REGULAR", self.regular), ("PDF_FONT_BOLD", self.bold)]
        named += [("PDF_FONT_FALLBACK", path) for path in self.fallback]
        for setting, path in named:
            if not path.is_file():
                log.error(
                    "pdf_font_missing",
                    setting=setting,
                    path=str(path),
                    fix="install fonts-dejavu-core and fonts-wqy-microhei, or point the setting at a TrueType file",
                )
                raise FontMissing(f"the PDF export is unavailable: this server lacks a font ({setting}, see its log)")
        return self


_FAMILY = "DejaVuSans"


def to_pdf(title: str, transcript: TranscriptDocument, fonts: PdfFonts) -> bytes:
    fonts = fonts.checked()
    pdf = FPDF()
    pdf.set_title(title)
    pdf.add_font(_FAMILY, "", fonts.regular)
    pdf.add_font(_FAMILY, "B", fonts.bold)
    fallback_families = [f"Fallback{index}" for index in range(len(fonts.fallback))]
    for family, path in zip(fallback_families, fonts.fallback, strict=True):
        pdf.add_font(family, "", path)
    if fallback_families:
        # The fallback fonts have no bold: bold text borrows their regular glyphs.
        pdf.set_fallback_fonts(fallback_families, exact_match=False)
    pdf.add_page()
    pdf.set_font(_FAMILY, "B", 14)
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(_FAMILY, size=10)
    for line in _lines(transcript):
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


RENDERERS: dict[ExportFormat, Callable[[str, TranscriptDocument], bytes]] = {
    ExportFormat.TXT: to_txt,
    ExportFormat.SRT: to_srt,
    ExportFormat.VTT: to_vtt,
    ExportFormat.JSON: to_json,
    ExportFormat.DOCX: to_docx,
}


def render(export_format: ExportFormat, title: str, transcript: TranscriptDocument, fonts: PdfFonts) -> bytes:
    """The file's bytes; blocking (a big docx or pdf takes seconds): async code calls it in a thread."""
    if export_format is ExportFormat.PDF:
        return to_pdf(title, transcript, fonts)
    return RENDERERS[export_format](title, transcript)
