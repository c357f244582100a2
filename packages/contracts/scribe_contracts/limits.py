"""Limits every side enforces alike: the API validates with them, the worker trusts them, and the
web app reads them from the API's OpenAPI spec (`x-scribe-limits`), so the three never drift."""

MAX_TITLE_LENGTH = 300
"""A meeting's title, typed or taken from the file name."""
MAX_NAME_LENGTH = 200
"""A person's name, a speaker's name in a meeting, a user's display name."""
MAX_FILENAME_LENGTH = 500
"""The uploaded file's name, as the client sent it."""
MAX_SPEAKER_LABEL_LENGTH = 64
"""A diarization label such as SPEAKER_00."""
MAX_SPEAKERS = 32
"""The most speakers an upload may announce (exact number or range)."""
MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 128

LIMITS: dict[str, int] = {
    "max_title_length": MAX_TITLE_LENGTH,
    "max_name_length": MAX_NAME_LENGTH,
    "max_filename_length": MAX_FILENAME_LENGTH,
    "max_speaker_label_length": MAX_SPEAKER_LABEL_LENGTH,
    "max_speakers": MAX_SPEAKERS,
    "min_password_length": MIN_PASSWORD_LENGTH,
    "max_password_length": MAX_PASSWORD_LENGTH,
}
