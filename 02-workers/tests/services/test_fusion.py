"""Fusion on hand-built diarizations and transcriptions: the edge cases where attribution goes wrong."""

import random
import time
from uuid import uuid4

import pytest
from scribe_contracts import ModelsUsed, TranscriptDocument

from app.services.fusion import (
    NO_SPEECH_NOTE,
    NO_TURNS_NOTE,
    FusionOptions,
    TimelineIndex,
    assign_speakers,
    fuse,
)
from app.services.types import (
    Diarization,
    Identification,
    SpeakerMatch,
    SpeakerTurn,
    Transcription,
    TranscriptionSegment,
    Word,
)

MODELS = ModelsUsed(diarization="d", embedding="e", transcription="t", device="cpu")


Turn = tuple[float, float, str]


def diarization(*turns: Turn, exclusive: list[Turn] | None = None) -> Diarization:
    made = [SpeakerTurn(start, end, speaker) for start, end, speaker in turns]
    exclusive_turns = [SpeakerTurn(*turn) for turn in exclusive] if exclusive is not None else made
    return Diarization(turns=made, exclusive_turns=exclusive_turns, speakers=sorted({t.speaker for t in made}))


def words(*spec: tuple[float, float, str]) -> list[Word]:
    return [Word(start, end, f" {text}", 0.9) for start, end, text in spec]


def transcription(spoken: list[Word], segments: list[TranscriptionSegment] | None = None) -> Transcription:
    return Transcription(language="en", language_probability=0.99, words=spoken, segments=segments or [])


def run_fuse(
    diar: Diarization,
    spoken: list[Word],
    identification: Identification | None = None,
    options: FusionOptions | None = None,
) -> TranscriptDocument:
    return fuse(
        meeting_id=uuid4(),
        duration_s=60.0,
        diarization=diar,
        transcription=transcription(spoken),
        identification=identification,
        models=MODELS,
        timings_s={"fusion": 0.0},
        options=options or FusionOptions(),
    )


def test_word_goes_to_the_turn_covering_most_of_it() -> None:
    diar = diarization((0.0, 1.2, "A"), (1.2, 3.0, "B"))
    # 1.0-1.5: 0.2 s in A, 0.3 s in B
    assigned = assign_speakers(words((0.1, 0.5, "hello"), (1.0, 1.5, "there"), (2.0, 2.5, "friend")), diar)
    assert [w.speaker for w in assigned] == ["A", "B", "B"]


def test_turn_boundary_inside_one_whisper_segment_splits_it_at_the_boundary() -> None:
    """Whisper hears one segment; the diarization says two people: the words follow the diarization."""
    diar = diarization((0.0, 2.05, "A"), (2.05, 5.0, "B"))
    spoken = words(
        (0.0, 0.5, "do"), (0.5, 1.0, "you"), (1.0, 2.0, "agree"), (2.1, 2.5, "yes"), (2.5, 3.0, "I"), (3.0, 3.5, "do")
    )
    one_segment = [TranscriptionSegment(0.0, 3.5, " do you agree yes I do")]
    doc = fuse(
        meeting_id=uuid4(),
        duration_s=5.0,
        diarization=diar,
        transcription=transcription(spoken, one_segment),
        identification=None,
        models=MODELS,
        timings_s={},
    )
    assert [(s.speaker, s.text) for s in doc.segments] == [("A", "do you agree"), ("B", "yes I do")]


def test_words_outside_every_turn_go_to_the_nearest_turn() -> None:
    diar = diarization((1.0, 2.0, "A"), (5.0, 6.0, "B"))
    spoken = words((0.2, 0.4, "early"), (2.3, 2.6, "afterA"), (4.2, 4.6, "beforeB"), (7.0, 7.5, "late"))
    assert [w.speaker for w in assign_speakers(spoken, diar)] == ["A", "A", "B", "B"]


def test_overlapped_words_are_flagged_and_given_to_the_exclusive_speaker() -> None:
    diar = diarization((0.0, 4.0, "A"), (2.0, 6.0, "B"), exclusive=[(0.0, 3.0, "A"), (3.0, 6.0, "B")])
    spoken = words((1.0, 1.5, "solo"), (2.2, 2.8, "both"), (3.2, 3.8, "both2"), (5.0, 5.5, "solo2"))
    assigned = assign_speakers(spoken, diar)
    assert [(w.speaker, w.overlap) for w in assigned] == [("A", False), ("A", True), ("B", True), ("B", False)]


def test_one_speaker_pause_and_sentence_end_split_segments() -> None:
    diar = diarization((0.0, 30.0, "A"))
    spoken = words(
        (0.0, 0.5, "First"),
        (0.5, 1.0, "sentence."),
        (1.1, 1.5, "Second"),
        (1.5, 2.0, "one"),
        (4.0, 4.5, "after"),
        (4.5, 5.0, "pause"),
    )
    doc = run_fuse(diar, spoken)
    assert [s.text for s in doc.segments] == ["First sentence.", "Second one", "after pause"]
    assert {s.speaker for s in doc.segments} == {"A"}
    assert [sp.label for sp in doc.speakers] == ["A"]
    assert doc.speakers[0].speech_s == pytest.approx(30.0)


def test_a_long_sentence_is_cut_at_the_maximum_segment_length() -> None:
    diar = diarization((0.0, 100.0, "A"))
    spoken = words(*[(i * 0.5, i * 0.5 + 0.4, f"w{i}") for i in range(100)])
    doc = run_fuse(diar, spoken, options=FusionOptions(max_segment_s=10.0))
    assert all(s.end - s.start <= 10.0 for s in doc.segments)
    assert sum(len(s.words) for s in doc.segments) == 100
    assert len(doc.segments) == 5


def test_no_speech_gives_an_empty_transcript_with_a_note() -> None:
    doc = run_fuse(diarization(), [])
    assert doc.segments == []
    assert doc.speakers == []
    assert doc.notes == [NO_SPEECH_NOTE]


def test_words_without_any_turn_go_to_one_speaker_with_a_note() -> None:
    doc = run_fuse(diarization(), words((0.0, 0.5, "hi"), (0.6, 1.0, "there")))
    assert [(s.speaker, s.text) for s in doc.segments] == [("SPEAKER_00", "hi there")]
    assert doc.notes == [NO_TURNS_NOTE]


def test_identified_speakers_carry_name_id_and_scores() -> None:
    anna = uuid4()
    diar = diarization((0.0, 1.0, "A"), (1.0, 2.0, "B"))
    identification = Identification(
        matches={
            "A": SpeakerMatch("A", anna, "Anna", 0.71, {str(anna): 0.71}),
            "B": SpeakerMatch("B", None, None, None, {str(anna): 0.08}),
        },
        threshold=0.35,
        model_id="campplus",
        enrolled_people=1,
    )
    doc = run_fuse(diar, words((0.1, 0.5, "hello"), (1.1, 1.5, "hi")), identification)
    assert [(s.person, s.person_id) for s in doc.segments] == [("Anna", anna), (None, None)]
    summary = {s.label: s for s in doc.speakers}
    assert (summary["A"].person, summary["A"].score) == ("Anna", 0.71)
    assert summary["B"].person is None
    assert summary["B"].scores == {str(anna): 0.08}
    assert doc.identification is not None
    assert doc.identification.threshold == 0.35


def test_zero_length_word_on_a_boundary_is_still_attributed() -> None:
    diar = diarization((0.0, 1.0, "A"), (1.0, 2.0, "B"))
    assert [w.speaker for w in assign_speakers(words((1.5, 1.5, "uh")), diar)] == ["B"]


def test_timeline_index_coverage_counts_shared_time() -> None:
    index = TimelineIndex([SpeakerTurn(0, 4, "A"), SpeakerTurn(2, 6, "B"), SpeakerTurn(3, 5, "A")])
    per_speaker, shared = index.coverage(1.0, 5.5)
    assert per_speaker == {"A": pytest.approx(4.0), "B": pytest.approx(3.5)}
    assert shared == pytest.approx(3.0)


def test_fusion_of_100k_words_prints_its_time() -> None:
    """Speed is printed for the record, not asserted; correctness on a large input is."""
    rng = random.Random(7)
    turns, t = [], 0.0
    while t < 36_000:  # ten hours of turns between four speakers
        length = rng.uniform(0.5, 20.0)
        turns.append((t, t + length, f"S{rng.randrange(4)}"))
        t += length + rng.uniform(0.0, 0.5)
    diar = diarization(*turns)
    spoken = words(*[(i * 0.36, i * 0.36 + 0.3, f"w{i}") for i in range(100_000)])
    started = time.perf_counter()
    doc = run_fuse(diar, spoken)
    elapsed = time.perf_counter() - started
    print(f"\nfusion: 100000 words, {len(turns)} turns -> {len(doc.segments)} segments in {elapsed:.2f} s")
    assert sum(len(s.words) for s in doc.segments) == 100_000
