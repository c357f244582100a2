"""Who the diarized speakers are: their voices compared with the owner's voice bank.

Each speaker is embedded from its clean speech (no other speaker talking), several windows
averaged. Each enrolled person is scored by their best-matching sample (never a blended centroid:
a person enrolled from a headset and a room mic has two different voices). People are assigned
to speakers one-to-one by optimal assignment; a pair scoring below the threshold stays unknown.
"""

from uuid import UUID

import numpy as np
from pyannote.audio import Model
from scipy.optimize import linear_sum_assignment

from app.core.model_settings import ModelSettings
from app.core.models import ModelManager
from app.services.embedding import SAMPLE_RATE, embed_waveforms, load_embedding_model
from app.services.samples import Samples, WavSamples
from app.services.types import (
    DecodedAudio,
    Diarization,
    Identification,
    ProgressCallback,
    SpeakerMatch,
    SpeakerTurn,
)
from app.services.voice_bank import EnrolledPerson, VoiceBank

MIN_WINDOW_S = 1.0
"""Shorter clean stretches give unreliable embeddings."""
MAX_WINDOW_S = 8.0
MAX_WINDOWS = 20
"""The longest windows per speaker: bounds the work on a 3-hour meeting."""


class Identifier:
    def __init__(self, settings: ModelSettings, models: ModelManager, bank: VoiceBank) -> None:
        self._settings = settings
        self._models = models
        self._bank = bank

    @property
    def model_id(self) -> str:
        return self._settings.embedding_model_id

    def run(
        self, audio: DecodedAudio, diarization: Diarization, workspace_id: UUID, on_progress: ProgressCallback
    ) -> Identification:
        threshold = self._settings.identification_threshold
        if not diarization.speakers or not self._bank.people_with_samples(workspace_id):
            on_progress(100.0)
            return self._result(_unknown(diarization.speakers, {}), threshold, enrolled_people=0)
        with self._models.use(f"embedding:{self.model_id}", lambda: load_embedding_model(self._settings)) as model:
            people = self._bank.embeddings(
                workspace_id, self.model_id, lambda waves: embed_waveforms(model, waves)
            ).people
            on_progress(40.0)
            with WavSamples(audio) as samples:
                speakers = _speaker_embeddings(model, samples, diarization)
        matches = assign_people(speakers, people, threshold, diarization.speakers)
        on_progress(100.0)
        return self._result(matches, threshold, enrolled_people=len(people))

    def _result(self, matches: dict[str, SpeakerMatch], threshold: float, enrolled_people: int) -> Identification:
        return Identification(matches, threshold, self.model_id, enrolled_people)


def assign_people(
    speakers: dict[str, np.ndarray], people: list[EnrolledPerson], threshold: float, labels: list[str]
) -> dict[str, SpeakerMatch]:
    """Optimal one-to-one speaker -> person assignment on similarity; below `threshold` -> unknown."""
    scored = [label for label in labels if label in speakers]
    if not scored or not people:
        return _unknown(labels, {})
    # scores[i, j]: best cosine similarity between speaker i and any sample of person j.
    scores = np.array([[float(np.max(person.embeddings @ speakers[label])) for person in people] for label in scored])
    per_speaker = {
        label: {str(person.person_id): round(float(score), 4) for person, score in zip(people, row, strict=True)}
        for label, row in zip(scored, scores, strict=True)
    }
    matches = _unknown(labels, per_speaker)
    for row, column in zip(*linear_sum_assignment(scores, maximize=True), strict=True):
        score = float(scores[row, column])
        if score >= threshold:
            label, person = scored[row], people[column]
            matches[label] = SpeakerMatch(label, person.person_id, person.name, round(score, 4), per_speaker[label])
    return matches


def _unknown(labels: list[str], scores: dict[str, dict[str, float]]) -> dict[str, SpeakerMatch]:
    return {label: SpeakerMatch(label, None, None, None, scores.get(label, {})) for label in labels}


def _speaker_embeddings(model: Model, samples: Samples, diarization: Diarization) -> dict[str, np.ndarray]:
    """One normalised embedding per speaker with enough clean speech: the duration-weighted mean of
    its windows' embeddings."""
    embeddings: dict[str, np.ndarray] = {}
    for speaker in diarization.speakers:
        windows = clean_windows(diarization.turns, speaker)
        if not windows:
            continue
        clips = [samples[round(start * SAMPLE_RATE) : round(end * SAMPLE_RATE)] for start, end in windows]
        durations = np.array([[end - start] for start, end in windows], dtype=np.float32)
        mean = (embed_waveforms(model, clips) * durations).sum(axis=0)
        embeddings[speaker] = mean / max(float(np.linalg.norm(mean)), 1e-12)
    return embeddings


def clean_windows(turns: list[SpeakerTurn], speaker: str) -> list[tuple[float, float]]:
    """The speaker's speech where nobody else speaks, cut into windows of MIN..MAX_WINDOW_S,
    longest first, at most MAX_WINDOWS."""
    others = sorted((turn.start, turn.end) for turn in turns if turn.speaker != speaker)
    windows: list[tuple[float, float]] = []
    for turn in turns:
        if turn.speaker != speaker:
            continue
        for start, end in _subtract(turn.start, turn.end, others):
            while end - start >= MIN_WINDOW_S:
                cut = min(end, start + MAX_WINDOW_S)
                windows.append((start, cut))
                start = cut
    windows.sort(key=lambda window: window[1] - window[0], reverse=True)
    return windows[:MAX_WINDOWS]


def _subtract(start: float, end: float, others: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """[start, end) minus the union of `others` (sorted by start)."""
    pieces: list[tuple[float, float]] = []
    cursor = start
    for other_start, other_end in others:
        if other_start >= end:
            break
        if other_end <= cursor:
            continue
        if other_start > cursor:
            pieces.append((cursor, other_start))
        cursor = max(cursor, other_end)
    if cursor < end:
        pieces.append((cursor, end))
    return pieces
