"""Accuracy metrics as pure functions of annotations and texts: DER, identification shares, WER,
cpWER and word attribution. No model code: the smoke tests run them on synthetic inputs."""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import jiwer
import numpy as np
from pyannote.core import Annotation, Segment, Timeline
from pyannote.metrics.diarization import DiarizationErrorRate
from pyannote.metrics.identification import IdentificationErrorRate
from scipy.optimize import linear_sum_assignment

NIST_COLLAR_S = 0.25
"""'Collar 0.25' in the NIST sense: ±0.25 s around each reference boundary (pyannote's collar=0.5)."""


@dataclass(frozen=True)
class DiarizationScore:
    der: float
    missed: float
    false_alarm: float
    confusion: float
    total_s: float


def diarization_error(
    reference: Annotation, hypothesis: Annotation, uem: Timeline, collar_s: float
) -> DiarizationScore:
    """DER with overlapped speech included; `collar_s` is the tolerance on each side of a boundary."""
    metric = DiarizationErrorRate(collar=2 * collar_s, skip_overlap=False)
    parts = metric(reference, hypothesis, uem=uem, detailed=True)
    total = parts["total"] or 1.0
    return DiarizationScore(
        der=parts["diarization error rate"],
        missed=parts["missed detection"] / total,
        false_alarm=parts["false alarm"] / total,
        confusion=parts["confusion"] / total,
        total_s=parts["total"],
    )


@dataclass(frozen=True)
class NamingShares:
    """Shares of the reference speech time; right + wrong + unnamed = 1."""

    right: float
    wrong: float
    unnamed: float
    named_silence_s: float
    """Seconds where a name was given but nobody spoke (identification's false alarm)."""
    speech_s: float


def naming_shares(reference: Annotation, named: Annotation, uem: Timeline) -> NamingShares:
    """How much reference speech carries its speaker's name, another name, or none. `named` holds only
    the named turns (label = person name): unnamed or undetected speech counts as unnamed."""
    parts = IdentificationErrorRate(collar=0.0, skip_overlap=False)(reference, named, uem=uem, detailed=True)
    total = parts["total"]
    if total == 0:
        return NamingShares(0.0, 0.0, 0.0, parts["false alarm"], 0.0)
    return NamingShares(
        right=parts["correct"] / total,
        wrong=parts["confusion"] / total,
        unnamed=parts["missed detection"] / total,
        named_silence_s=parts["false alarm"],
        speech_s=total,
    )


def named_annotation(turns: Iterable[tuple[float, float, str]], names: Mapping[str, str | None]) -> Annotation:
    """The diarization's turns relabelled with the person each speaker was given; unnamed speakers dropped."""
    annotation = Annotation()
    for index, (start, end, label) in enumerate(turns):
        name = names.get(label)
        if name is not None and end > start:
            annotation[Segment(start, end), index] = name
    return annotation


def turns_annotation(turns: Iterable[tuple[float, float, str]], uri: str = "hypothesis") -> Annotation:
    annotation = Annotation(uri=uri)
    for index, (start, end, label) in enumerate(turns):
        if end > start:
            annotation[Segment(start, end), index] = label
    return annotation


def normalise(text: str) -> list[str]:
    """The words compared: lower case, apostrophes dropped ("didn't" -> "didnt"), any other punctuation
    a word break ("and/or" -> "and or")."""
    return re.sub(r"[^\w\s]", " ", text.lower().replace("'", "").replace("\u2019", "")).split()


@dataclass(frozen=True)
class WordErrors:
    errors: int
    reference_words: int

    @property
    def rate(self) -> float:
        return self.errors / self.reference_words if self.reference_words else 0.0


def word_errors(reference: str, hypothesis: str) -> WordErrors:
    """Substitutions + deletions + insertions of `hypothesis` against `reference`, after normalisation."""
    ref, hyp = normalise(reference), normalise(hypothesis)
    if not ref:
        return WordErrors(len(hyp), 0)
    if not hyp:
        return WordErrors(len(ref), len(ref))
    out = jiwer.process_words(" ".join(ref), " ".join(hyp))
    return WordErrors(out.substitutions + out.deletions + out.insertions, len(ref))


def cp_word_errors(reference: Mapping[str, str], hypothesis: Mapping[str, str]) -> WordErrors:
    """Concatenated minimum-permutation WER (cpWER): each speaker's words concatenated, speakers paired
    so that the total errors are fewest; an unpaired speaker's words are all deletions or insertions."""
    refs, hyps = list(reference.values()), list(hypothesis.values())
    size = max(len(refs), len(hyps))
    refs += [""] * (size - len(refs))
    hyps += [""] * (size - len(hyps))
    costs = np.array([[word_errors(ref, hyp).errors for hyp in hyps] for ref in refs])
    rows, columns = linear_sum_assignment(costs)
    return WordErrors(int(costs[rows, columns].sum()), sum(len(normalise(ref)) for ref in refs))


@dataclass(frozen=True)
class AttributedWord:
    start: float
    end: float
    speaker: str


@dataclass(frozen=True)
class Attribution:
    accuracy: float
    judged_words: int
    """Words spoken where exactly one reference speaker talks (others cannot be judged)."""


def word_attribution(words: list[AttributedWord], reference: Annotation) -> Attribution:
    """Share of words whose speaker label maps to the reference speaker talking at the word's middle,
    labels mapped one-to-one to reference speakers so that the most words agree."""
    judged = [(word.speaker, truth) for word in words if (truth := _sole_speaker(reference, word)) is not None]
    if not judged:
        return Attribution(0.0, 0)
    labels = sorted({label for label, _ in judged})
    truths = sorted({truth for _, truth in judged})
    counts = np.zeros((len(labels), len(truths)))
    for label, truth in judged:
        counts[labels.index(label), truths.index(truth)] += 1
    rows, columns = linear_sum_assignment(counts, maximize=True)
    return Attribution(float(counts[rows, columns].sum()) / len(judged), len(judged))


def _sole_speaker(reference: Annotation, word: AttributedWord) -> str | None:
    middle = (word.start + word.end) / 2
    talking = {
        str(label)
        for segment, _, label in reference.itertracks(yield_label=True)
        if segment.start <= middle < segment.end
    }
    return talking.pop() if len(talking) == 1 else None
