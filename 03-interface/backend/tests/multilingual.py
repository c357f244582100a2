"""A transcript in several scripts, to check that every export keeps each character as written."""

from uuid import UUID

from scribe_contracts import ModelsUsed, SpeakerSummary, TranscriptDocument, TranscriptSegment

TITLE = "Réunion d'équipe : œuvre, café, « guillemets », 12 €"

# Speaker label → (the name the user gave it, what it said).
SPEECH = {
    "SPEAKER_00": ("Jürgen Übermaß", "Größe, Übermaß, straße — “doppelt” und ‘einfach’"),  # noqa: RUF001 (curly quotes on purpose)
    "SPEAKER_01": ("Łucja Wąsowska", "Zażółć gęślą jaźń, Łódź"),
    "SPEAKER_02": ("Νίκος Παπαδόπουλος", "Καλημέρα κόσμε"),
    "SPEAKER_03": ("王小明 さくら 김민준", "会议记录 ミーティング 회의"),
}
NAMES = {label: name for label, (name, _) in SPEECH.items()}

# What each export must contain, character for character.
EXPECTED = [
    TITLE,
    "Größe, Übermaß, straße",
    "Zażółć gęślą jaźń, Łódź",
    "Καλημέρα κόσμε",
    "会议记录 ミーティング 회의",
    "“doppelt”",
    "‘einfach’",  # noqa: RUF001
    *(f"{name}: {text}" for name, text in SPEECH.values()),
]


def multilingual_transcript(meeting_id: UUID, named: bool = True) -> TranscriptDocument:
    """Four speakers, one segment each; `named=False` leaves the names to the user's renames."""
    segments = [
        TranscriptSegment(
            speaker=label, person=name if named else None, start=index * 5.0, end=index * 5.0 + 4.0, text=text
        )
        for index, (label, (name, text)) in enumerate(SPEECH.items())
    ]
    return TranscriptDocument(
        meeting_id=meeting_id,
        language="fr",
        duration_s=20.0,
        speakers=[SpeakerSummary(label=label, speech_s=4.0) for label in SPEECH],
        segments=segments,
        models=ModelsUsed(diarization="pyannote", embedding="wespeaker", transcription="faster-whisper", device="cpu"),
    )
