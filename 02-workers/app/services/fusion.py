"""Fusion: who said each word, then segments of one speaker — pure functions, no model code.

Each word goes to the speaker whose (exclusive) turns cover most of it, or to the nearest turn when
none does. Turns are indexed once as a timeline of elementary intervals (cut at every turn
boundary, each with its active speakers), so a word is located with a binary search instead of a
scan over all turns: long meetings fuse in linear time. Segments are then built from consecutive
words of one speaker, split at pauses, sentence ends, a maximum length and speaker changes. Whisper's
own segments play no part, so a turn boundary inside a Whisper segment splits it where it belongs.
"""

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from scribe_contracts import (
    IdentificationSummary,
    ModelsUsed,
    SpeakerSummary,
    TranscriptDocument,
    TranscriptSegment,
    TranscriptWord,
)

from app.services.types import Diarization, Identification, SpeakerTurn, Transcription, Word

SENTENCE_END = (".", "?", "!", "\u2026", "\u3002", "\uff1f", "\uff01")  # also … 。 and full-width ? !
FALLBACK_SPEAKER = "SPEAKER_00"
NO_SPEECH_NOTE = "no speech detected"
NO_TURNS_NOTE = "diarization found no speaker turns: every word is attributed to one speaker"
_POINT_WORD_S = 0.02  # width given to a zero-length word so it still meets the turn it sits in


@dataclass(frozen=True)
class FusionOptions:
    max_pause_s: float = 1.0
    """A silence longer than this between two words of one speaker starts a new segment."""
    max_segment_s: float = 30.0
    """A segment (a sentence without a stop, say) is cut before it grows longer than this."""
    overlap_fraction: float = 0.5
    """A word is flagged as overlapped speech when two or more speakers cover this much of it."""


class TimelineIndex:
    """Turns as sorted elementary intervals, each with the speakers active in it."""

    def __init__(self, turns: Iterable[SpeakerTurn]) -> None:
        opening: dict[float, list[str]] = defaultdict(list)
        closing: dict[float, list[str]] = defaultdict(list)
        for turn in turns:
            if turn.end > turn.start:
                opening[turn.start].append(turn.speaker)
                closing[turn.end].append(turn.speaker)
        self._bounds = sorted(opening.keys() | closing.keys())
        self._active: list[tuple[str, ...]] = []  # speakers active in [bounds[i], bounds[i + 1])
        counts: Counter[str] = Counter()
        for bound in self._bounds:
            counts.update(opening.get(bound, ()))
            counts.subtract(closing.get(bound, ()))
            self._active.append(tuple(sorted(s for s, n in counts.items() if n > 0)))
        self._spoken = [i for i, speakers in enumerate(self._active) if speakers]

    @property
    def empty(self) -> bool:
        return not self._spoken

    def coverage(self, start: float, end: float) -> tuple[dict[str, float], float]:
        """Seconds of [start, end] each speaker covers, and seconds covered by two or more."""
        per_speaker: dict[str, float] = defaultdict(float)
        shared = 0.0
        first = max(bisect_right(self._bounds, start) - 1, 0)
        last = bisect_left(self._bounds, end)
        for i in range(first, min(last, len(self._bounds) - 1)):
            seconds = min(end, self._bounds[i + 1]) - max(start, self._bounds[i])
            if seconds <= 0 or not self._active[i]:
                continue
            for speaker in self._active[i]:
                per_speaker[speaker] += seconds
            if len(self._active[i]) > 1:
                shared += seconds
        return per_speaker, shared

    def nearest_speaker(self, start: float, end: float) -> str | None:
        """The speaker of the turn closest to [start, end] (which no turn covers)."""
        if self.empty:
            return None
        position = bisect_right(self._spoken, bisect_right(self._bounds, start) - 1)
        candidates = []
        if position > 0:  # the spoken interval before: its distance is from its end
            before = self._spoken[position - 1]
            candidates.append((start - self._bounds[before + 1], self._active[before][0]))
        if position < len(self._spoken):
            after = self._spoken[position]
            candidates.append((self._bounds[after] - end, self._active[after][0]))
        return min(candidates)[1]


def assign_speakers(
    words: list[Word], diarization: Diarization, options: FusionOptions = FusionOptions()
) -> list[TranscriptWord]:
    """Every word with the speaker who covers most of it, and whether it was overlapped speech."""
    assignment = TimelineIndex(diarization.exclusive_turns or diarization.turns)
    overlap = TimelineIndex(diarization.turns)
    attributed = []
    for word in words:
        start, end = word.start, max(word.end, word.start + _POINT_WORD_S)
        covered, _ = assignment.coverage(start, end)
        speaker = max(covered.items(), key=lambda item: (item[1], item[0]))[0] if covered else None
        speaker = speaker or assignment.nearest_speaker(start, end) or FALLBACK_SPEAKER
        _, shared = overlap.coverage(start, end)
        attributed.append(
            TranscriptWord(
                word=word.word.strip(),
                start=word.start,
                end=word.end,
                probability=min(max(word.probability, 0.0), 1.0),
                speaker=speaker,
                overlap=shared >= options.overlap_fraction * (end - start),
            )
        )
    return attributed


def build_segments(words: list[TranscriptWord], options: FusionOptions = FusionOptions()) -> list[list[int]]:
    """Indices of the words of each segment, in order."""
    groups: list[list[int]] = []
    for i in range(len(words)):
        if groups and not _starts_segment(words, groups[-1], i, options):
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _starts_segment(words: list[TranscriptWord], group: list[int], i: int, options: FusionOptions) -> bool:
    previous, word = words[group[-1]], words[i]
    return (
        word.speaker != previous.speaker
        or word.start - previous.end > options.max_pause_s
        or previous.word.endswith(SENTENCE_END)
        or word.end - words[group[0]].start > options.max_segment_s
    )


def fuse(
    *,
    meeting_id: UUID,
    duration_s: float,
    diarization: Diarization,
    transcription: Transcription,
    identification: Identification | None,
    models: ModelsUsed,
    timings_s: dict[str, float],
    options: FusionOptions = FusionOptions(),
) -> TranscriptDocument:
    """The fused, speaker-attributed transcript of one meeting."""
    words = assign_speakers(transcription.words, diarization, options)
    matches = identification.matches if identification else {}
    segments = []
    for group in build_segments(words, options):
        first, last = words[group[0]], words[group[-1]]
        match = matches.get(first.speaker)
        segments.append(
            TranscriptSegment(
                speaker=first.speaker,
                person=match.name if match else None,
                person_id=match.person_id if match else None,
                start=first.start,
                end=last.end,
                text="".join(transcription.words[i].word for i in group).strip(),
                words=[words[i] for i in group],
            )
        )
    return TranscriptDocument(
        meeting_id=meeting_id,
        language=transcription.language,
        duration_s=duration_s,
        speakers=_speaker_summaries(diarization, words, identification),
        segments=segments,
        identification=IdentificationSummary(
            threshold=identification.threshold,
            embedding_model=identification.model_id,
            enrolled_people=identification.enrolled_people,
        )
        if identification
        else None,
        models=models,
        timings_s=timings_s,
        notes=_notes(diarization, words),
    )


def _speaker_summaries(
    diarization: Diarization, words: list[TranscriptWord], identification: Identification | None
) -> list[SpeakerSummary]:
    labels = sorted(set(diarization.speakers) | {word.speaker for word in words})
    speech = defaultdict(float, {label: diarization.speech_s(label) for label in diarization.speakers})
    summaries = []
    for label in labels:
        match = identification.matches.get(label) if identification else None
        summaries.append(
            SpeakerSummary(
                label=label,
                person=match.name if match else None,
                person_id=match.person_id if match else None,
                score=match.score if match else None,
                scores=dict(match.scores) if match else {},
                speech_s=round(speech[label], 3),
            )
        )
    return summaries


def _notes(diarization: Diarization, words: list[TranscriptWord]) -> list[str]:
    if not words:
        return [NO_SPEECH_NOTE]
    if not diarization.turns and not diarization.exclusive_turns:
        return [NO_TURNS_NOTE]
    return []
