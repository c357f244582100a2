"""Which part of a meeting speaker's speech is clean enough to enroll: where they speak alone."""

import random

import pytest
from scribe_contracts import SpeakerTurn

from app.services.identities import exclusive_speech


def turn(start: float, end: float, speaker: str) -> SpeakerTurn:
    return SpeakerTurn(start=start, end=end, speaker=speaker)


def alone_by_sampling(turns: list[SpeakerTurn], label: str, step: float = 0.001) -> float:
    """Seconds where `label` speaks and nobody else does, counted on a fine grid (the slow truth)."""
    end = max(t.end for t in turns)
    alone = 0
    for i in range(round(end / step)):
        at = (i + 0.5) * step
        speaking = {t.speaker for t in turns if t.start <= at < t.end}
        alone += speaking == {label}
    return alone * step


def test_overlaps_with_others_are_cut_out_and_own_overlaps_merged() -> None:
    turns = [
        turn(0.0, 4.0, "A"),
        turn(1.0, 2.0, "B"),  # B interrupts A
        turn(3.5, 6.0, "A"),  # A's own turns overlap: one span
        turn(5.0, 5.5, "C"),
        turn(7.0, 8.0, "B"),  # not A's
    ]

    assert exclusive_speech(turns, "A", limit_s=60.0) == [(0.0, 1.0), (2.0, 5.0), (5.5, 6.0)]


def test_the_limit_keeps_the_first_seconds_in_time_order() -> None:
    turns = [turn(10.0, 14.0, "A"), turn(0.0, 3.0, "A")]

    assert exclusive_speech(turns, "A", limit_s=5.0) == [(0.0, 3.0), (10.0, 12.0)]


@pytest.mark.parametrize("seed", range(5))
def test_agrees_with_sampling_on_random_meetings(seed: int) -> None:
    rng = random.Random(seed)
    turns = []
    for _ in range(60):
        start = round(rng.uniform(0, 60), 2)
        turns.append(turn(start, round(start + rng.uniform(0.05, 5), 2), rng.choice("ABC")))

    spans = exclusive_speech(turns, "A", limit_s=1e9)

    assert sum(end - start for start, end in spans) == pytest.approx(alone_by_sampling(turns, "A"), abs=0.02)
    assert spans == sorted(spans)
