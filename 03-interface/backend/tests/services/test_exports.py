"""Exports keep every character: the PDF embeds Unicode fonts (DejaVu + a CJK fallback), read back here
with a real PDF text extractor (pypdf); the DOCX is read back with python-docx."""

import io
import uuid
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from app.core.config import Environment, Settings
from app.services.exports import ExportFormat, FontMissing, PdfFonts, render, to_pdf
from tests.multilingual import EXPECTED, SPEECH, TITLE, multilingual_transcript

DEFAULTS = Settings(environment=Environment.TEST)
FONTS = PdfFonts(DEFAULTS.pdf_font_regular, DEFAULTS.pdf_font_bold, tuple(DEFAULTS.pdf_font_fallback))
SERIF = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def pdf_fonts_used(content: bytes) -> set[str]:
    """The base font names (without the subset prefix) the pages use."""
    fonts: set[str] = set()
    for page in PdfReader(io.BytesIO(content)).pages:
        resources = page["/Resources"].get_object()
        assert isinstance(resources, DictionaryObject)
        page_fonts = resources["/Font"].get_object()
        assert isinstance(page_fonts, DictionaryObject)
        for reference in page_fonts.values():
            font = reference.get_object()
            assert isinstance(font, DictionaryObject)
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
    return fonts


def test_pdf_keeps_every_character() -> None:
    content = render(ExportFormat.PDF, TITLE, multilingual_transcript(uuid.uuid4()), FONTS)
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    for expected in EXPECTED:
        assert expected in text
    assert "?" not in text  # nothing was replaced
    metadata = PdfReader(io.BytesIO(content)).metadata
    assert metadata is not None
    assert metadata.title == TITLE


def test_pdf_embeds_dejavu_regular_and_bold_and_the_cjk_fallback() -> None:
    content = render(ExportFormat.PDF, TITLE, multilingual_transcript(uuid.uuid4()), FONTS)
    assert pdf_fonts_used(content) == {"DejaVuSansBook", "DejaVuSansBold", "WenQuanYiMicroHei"}


def test_docx_keeps_every_character() -> None:
    document = Document(io.BytesIO(render(ExportFormat.DOCX, TITLE, multilingual_transcript(uuid.uuid4()), FONTS)))
    text = "\n".join(p.text for p in document.paragraphs)
    for expected in EXPECTED:
        assert expected in text
    assert document.paragraphs[0].text == TITLE
    heads = [p.runs[0] for p in document.paragraphs[1:]]
    assert [run.text.split("] ", 1)[1] for run in heads] == [f"{name}: " for name, _ in SPEECH.values()]
    assert all(run.bold for run in heads)


@pytest.mark.parametrize("export_format", [ExportFormat.TXT, ExportFormat.SRT])
def test_text_exports_keep_every_character(export_format: ExportFormat) -> None:
    text = render(export_format, TITLE, multilingual_transcript(uuid.uuid4()), FONTS).decode("utf-8")
    for expected in EXPECTED[1:] if export_format == ExportFormat.SRT else EXPECTED:  # srt has no title
        assert expected in text


def test_configured_font_files_are_used() -> None:
    content = to_pdf(TITLE, multilingual_transcript(uuid.uuid4()), PdfFonts(SERIF, SERIF, FONTS.fallback))
    assert pdf_fonts_used(content) == {"DejaVuSerifBook", "WenQuanYiMicroHei"}
    for expected in EXPECTED:
        assert expected in pdf_text(content)


@pytest.mark.parametrize("missing", ["regular", "bold", "fallback"])
def test_a_font_that_is_not_there_is_a_clear_error_naming_its_setting(missing: str, tmp_path: Path) -> None:
    absent = tmp_path / "missing.ttf"
    fonts = PdfFonts(
        absent if missing == "regular" else FONTS.regular,
        absent if missing == "bold" else FONTS.bold,
        (absent,) if missing == "fallback" else FONTS.fallback,
    )
    with pytest.raises(FontMissing, match=f"PDF_FONT_{missing.upper()}"):
        to_pdf(TITLE, multilingual_transcript(uuid.uuid4()), fonts)


def test_without_a_fallback_font_the_latin_scripts_still_render() -> None:
    content = to_pdf(TITLE, multilingual_transcript(uuid.uuid4()), PdfFonts(FONTS.regular, FONTS.bold, ()))
    assert "Zażółć gęślą jaźń" in pdf_text(content)
