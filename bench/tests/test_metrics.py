"""The bench's metric helpers on synthetic annotations and texts, where the right figure is known."""

import pytest
from pyannote.core import Annotation, Segment

from bench.audio_sets import uem
from bench.infra import enrolment_spans
from bench.metrics import (
    AttributedWord,
    cp_word_errors,
    diarization_error,
    named_annotation,
    naming_shares,
    normalise,
    turns_annotation,
    word_attribution,
    word_errors,
)

REFERENCE_TURNS = [(0.0, 4.0, "alice"), (4.0, 8.0, "bob"), (8.0, 10.0, "alice")]


def reference() -> Annotation:
    return turns_annotation(REFERENCE_TURNS, uri="reference")


def test_der_ignores_label_names_and_counts_missed_speech() -> None:
    """Same turns under other labels score 0; dropping bob's 4 of 10 s scores 40% missed."""
    relabelled = turns_annotation([(s, e, {"alice": "A", "bob": "B"}[who]) for s, e, who in REFERENCE_TURNS])
    assert diarization_error(reference(), relabelled, uem(10.0), 0.0).der == pytest.approx(0.0)
    without_bob = turns_annotation([turn for turn in REFERENCE_TURNS if turn[2] != "bob"])
    score = diarization_error(reference(), without_bob, uem(10.0), 0.0)
    assert score.der == pytest.approx(0.4)
    assert score.missed == pytest.approx(0.4)


def test_collar_forgives_boundaries_within_its_width() -> None:
    """A boundary 0.2 s late is an error at collar 0 but not within ±0.25 s."""
    late = turns_annotation([(0.0, 4.2, "A"), (4.2, 8.0, "B"), (8.0, 10.0, "A")])
    assert diarization_error(reference(), late, uem(10.0), 0.0).der > 0
    assert diarization_error(reference(), late, uem(10.0), 0.25).der == pytest.approx(0.0)


def test_naming_shares_split_speech_into_right_wrong_and_unnamed() -> None:
    """alice named right (6 s), bob named alice (wrong, 4 s); then bob unnamed instead."""
    hypothesis = [(0.0, 4.0, "S0"), (4.0, 8.0, "S1"), (8.0, 10.0, "S0")]
    wrong = naming_shares(reference(), named_annotation(hypothesis, {"S0": "alice", "S1": "carol"}), uem(10.0))
    assert (wrong.right, wrong.wrong, wrong.unnamed) == pytest.approx((0.6, 0.4, 0.0))
    unnamed = naming_shares(reference(), named_annotation(hypothesis, {"S0": "alice", "S1": None}), uem(10.0))
    assert (unnamed.right, unnamed.wrong, unnamed.unnamed) == pytest.approx((0.6, 0.0, 0.4))


def test_normalisation_ignores_case_and_punctuation() -> None:
    assert normalise("Oh, I didn't know and/or care!") == ["oh", "i", "didnt", "know", "and", "or", "care"]
    assert word_errors("Hello, world.", "hello world").errors == 0
    assert word_errors("ask not what your country", "ask what your country").rate == pytest.approx(0.2)


def test_cpwer_pairs_speakers_whatever_their_labels() -> None:
    """Swapped labels cost nothing; a word moved to the other speaker costs a deletion and an insertion."""
    reference_text = {"Diane": "hello there", "Sheila": "neither did i"}
    assert cp_word_errors(reference_text, {"S1": "neither did i", "S0": "hello there"}).errors == 0
    moved = cp_word_errors(reference_text, {"S0": "hello there i", "S1": "neither did"})
    assert (moved.errors, moved.reference_words) == (2, 5)


def test_cpwer_counts_a_missing_speaker_as_deletions() -> None:
    assert cp_word_errors({"a": "one two", "b": "three"}, {"x": "one two"}).errors == 1


def test_word_attribution_maps_labels_one_to_one_and_skips_unjudgeable_words() -> None:
    """Three words right under label X/Y, one wrong; a word in silence is not judged."""
    words = [
        AttributedWord(1.0, 1.5, "X"),
        AttributedWord(2.0, 2.5, "X"),
        AttributedWord(5.0, 5.5, "Y"),
        AttributedWord(6.0, 6.5, "X"),
        AttributedWord(12.0, 12.5, "Y"),
    ]
    attribution = word_attribution(words, reference())
    assert attribution.judged_words == 4
    assert attribution.accuracy == pytest.approx(0.75)


def test_enrolment_uses_only_clean_speech() -> None:
    """alice's overlap with bob and carol is cut out, and so is bob's with alice."""
    annotation = Annotation()
    annotation[Segment(0.0, 5.0), "a"] = "alice"
    annotation[Segment(4.0, 6.0), "b"] = "bob"
    annotation[Segment(1.0, 1.5), "c"] = "carol"
    assert enrolment_spans(annotation, "alice").duration() == pytest.approx(3.5)
    assert enrolment_spans(annotation, "bob").duration() == pytest.approx(1.0)
