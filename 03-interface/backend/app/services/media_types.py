"""What a file really is, judged by its first bytes (magic numbers), never by its name."""

from dataclasses import dataclass

from scribe_contracts import MediaKind

from app.core.errors import UnsupportedMediaType

SNIFF_BYTES = 64 * 1024


@dataclass(frozen=True)
class MediaType:
    content_type: str
    kind: MediaKind


_AUDIO = MediaKind.AUDIO
_VIDEO = MediaKind.VIDEO


def _riff(head: bytes) -> MediaType | None:
    form = head[8:12]
    if form == b"WAVE":
        return MediaType("audio/wav", _AUDIO)
    if form == b"AVI ":
        return MediaType("video/x-msvideo", _VIDEO)
    return None


def _iso_media(head: bytes) -> MediaType:
    """MP4/M4A/MOV: an `ftyp` box; a track handler `vide` in the header means a picture track."""
    brand = head[8:12]
    if brand in (b"M4A ", b"M4B ", b"F4A "):
        return MediaType("audio/mp4", _AUDIO)
    if b"soun" in head and b"vide" not in head:
        return MediaType("audio/mp4", _AUDIO)
    if brand == b"qt  ":
        return MediaType("video/quicktime", _VIDEO)
    return MediaType("video/mp4", _VIDEO)


def _matroska(head: bytes) -> MediaType:
    # Video tracks carry a codec id starting with "V_" (V_VP8, V_VP9, V_AV1, V_MPEG4/ISO/AVC ...).
    is_video = b"V_" in head
    if b"webm" in head[:64]:
        return MediaType("video/webm" if is_video else "audio/webm", _VIDEO if is_video else _AUDIO)
    return MediaType("video/x-matroska" if is_video else "audio/x-matroska", _VIDEO if is_video else _AUDIO)


def _mpeg_audio(head: bytes) -> MediaType | None:
    if head.startswith(b"ID3"):
        return MediaType("audio/mpeg", _AUDIO)
    if len(head) >= 2 and head[0] == 0xFF:
        if head[1] & 0xF6 == 0xF0:  # ADTS AAC sync word, layer 0
            return MediaType("audio/aac", _AUDIO)
        if head[1] & 0xE0 == 0xE0 and head[1] & 0x06:  # MPEG audio frame sync, layer I-III
            return MediaType("audio/mpeg", _AUDIO)
    return None


def _transport_stream(head: bytes) -> bool:
    return len(head) >= 377 and head[0] == head[188] == head[376] == 0x47


def sniff(head: bytes) -> MediaType:
    """The media type of a file from its first bytes; `UnsupportedMediaType` when unknown."""
    found: MediaType | None = None
    if head.startswith(b"RIFF"):
        found = _riff(head)
    elif head[4:8] == b"ftyp":
        found = _iso_media(head)
    elif head.startswith(b"\x1a\x45\xdf\xa3"):
        found = _matroska(head)
    elif head.startswith(b"fLaC"):
        found = MediaType("audio/flac", _AUDIO)
    elif head.startswith(b"OggS"):
        is_video = b"theora" in head[:512]
        found = MediaType("video/ogg" if is_video else "audio/ogg", _VIDEO if is_video else _AUDIO)
    elif head.startswith(b"FORM") and head[8:12] in (b"AIFF", b"AIFC"):
        found = MediaType("audio/aiff", _AUDIO)
    elif head.startswith(b"#!AMR"):
        found = MediaType("audio/amr", _AUDIO)
    elif head.startswith(b"caff"):
        found = MediaType("audio/x-caf", _AUDIO)
    elif _transport_stream(head):
        found = MediaType("video/mp2t", _VIDEO)
    else:
        found = _mpeg_audio(head)
    if found is None:
        raise UnsupportedMediaType(
            "the file is not a supported audio or video format",
            {"supported": "wav, mp3, m4a/mp4, mov, aac, flac, ogg/opus, webm, mkv, avi, aiff, amr, caf, ts"},
        )
    return found
