"""Child process: the worker's diarization, identification and transcription services on the quality
recordings, grouped by model so each model loads once. Returns raw outputs; quality.py scores them.

Identification runs with the threshold at its minimum, so every speaker keeps the person the
optimal assignment gave it and that pair's similarity. The worker thresholds after assigning, so
any threshold's outcome follows from these scores exactly (quality.py sweeps them).
"""

import time
from pathlib import Path

import soundfile
from app.core.model_settings import ModelSettings
from app.core.models import ModelManager
from app.services.diarization import Diarizer
from app.services.fusion import assign_speakers
from app.services.identification import Identifier
from app.services.transcription import Transcriber
from app.services.types import DecodedAudio, Diarization, Transcription
from app.services.voice_bank import VoiceBank
from scribe_contracts import SpeakerCountHint
from scribe_runtime import ObjectStore, S3Credentials

from bench.jobs import (
    IdentificationOutcome,
    QualityResult,
    QualitySpec,
    SpeakerName,
    SpokenWord,
    TranscriptOutcome,
    Turn,
)

NO_THRESHOLD = -1.0


def run(spec: QualitySpec) -> QualityResult:
    settings, models = ModelSettings(), ModelManager()
    diarizations = {uri: _diarize(Diarizer(settings, models), path) for uri, path in spec.diarize.items()}
    identifications = _identify(spec, settings, models, diarizations)
    to_transcribe = dict(spec.transcribe)
    if spec.attribute is not None:
        to_transcribe[spec.attribute] = spec.diarize[spec.attribute]
    transcriber = Transcriber(settings, models)
    timed = {name: _transcribe(transcriber, path) for name, path in to_transcribe.items()}
    models.release()
    attributed = []
    if spec.attribute is not None:
        attributed = [
            SpokenWord(start=word.start, end=word.end, speaker=word.speaker, text=word.word)
            for word in assign_speakers(timed[spec.attribute][0].words, diarizations[spec.attribute])
        ]
    return QualityResult(
        diarizations={
            uri: [Turn(start=t.start, end=t.end, speaker=t.speaker) for t in d.turns] for uri, d in diarizations.items()
        },
        identifications=identifications,
        transcripts={name: _outcome(*timed[name]) for name in spec.transcribe},
        attributed_words=attributed,
        chosen_threshold=settings.identification_threshold,
    )


def decoded(path: Path) -> DecodedAudio:
    """A 16 kHz mono WAV (as the bench prepares them) as the worker's decoded audio."""
    return DecodedAudio(path=path, duration_s=float(soundfile.info(str(path)).duration))


def _noop(percent: float) -> None:
    del percent


def _diarize(diarizer: Diarizer, path: Path) -> Diarization:
    return diarizer.run(decoded(path), SpeakerCountHint(), _noop)


def _identify(
    spec: QualitySpec, settings: ModelSettings, models: ModelManager, diarizations: dict[str, Diarization]
) -> list[IdentificationOutcome]:
    store = ObjectStore(S3Credentials(spec.servers.s3_endpoint_url, "bench", "bench"))
    identifier = Identifier(
        settings.model_copy(update={"identification_threshold": NO_THRESHOLD}), models, VoiceBank(store)
    )
    outcomes = []
    for job in spec.identify:
        result = identifier.run(decoded(spec.diarize[job.target]), diarizations[job.target], job.workspace_id, _noop)
        outcomes.append(
            IdentificationOutcome(
                enrolled_from=job.enrolled_from,
                target=job.target,
                enrolled=job.enrolled,
                speakers={label: SpeakerName(name=m.name, score=m.score) for label, m in result.matches.items()},
            )
        )
    return outcomes


def _transcribe(transcriber: Transcriber, path: Path) -> tuple[Transcription, float]:
    started = time.perf_counter()
    transcription = transcriber.run(decoded(path), None, _noop)
    return transcription, time.perf_counter() - started


def _outcome(transcription: Transcription, seconds: float) -> TranscriptOutcome:
    text = "".join(word.word for word in transcription.words).strip()
    return TranscriptOutcome(text=text, language=transcription.language, seconds=round(seconds, 3))
