"""Quality: DER on the AMI excerpts and pyannote's sample, naming accuracy across thresholds, WER and cpWER.

One child runs the worker's services on every recording (each model loaded once); the scoring is
done here with pyannote.metrics and jiwer.
"""

from collections import defaultdict

import numpy as np
from pyannote.core import Annotation

from bench.audio_sets import (
    AMI_EXCERPT_S,
    AMI_EXCERPTS,
    IDENTIFICATION_PAIRS,
    ami_path,
    ami_references,
    sample_reference,
    sample_stm,
    sample_wav,
    transcription_cases,
    uem,
)
from bench.context import BenchContext
from bench.infra import enrol_speakers
from bench.jobs import IdentificationJob, IdentificationOutcome, QualityResult, QualitySpec, SpokenWord, Turn
from bench.measure import run_child
from bench.metrics import (
    NIST_COLLAR_S,
    AttributedWord,
    DiarizationScore,
    NamingShares,
    cp_word_errors,
    diarization_error,
    named_annotation,
    naming_shares,
    turns_annotation,
    word_attribution,
    word_errors,
)
from bench.report import Section, Table, percent

SAMPLE_URI = "sample"
SAMPLE_DURATION_S = 30.0
QUICK_EXCERPTS = ("trn03", "trn08")
"""The quick pairs' targets: the excerpts identification needs diarized anyway."""
QUICK_PAIRS = (("trn00", "trn03"), ("trn07", "trn08"))
THRESHOLDS = tuple(round(float(t), 2) for t in np.arange(0.0, 0.91, 0.05))


def run_quality(context: BenchContext, section: Section) -> None:
    excerpts = QUICK_EXCERPTS if context.quick else AMI_EXCERPTS
    pairs = QUICK_PAIRS if context.quick else IDENTIFICATION_PAIRS
    references = {**ami_references(), SAMPLE_URI: sample_reference()}
    cases = transcription_cases(context.workdir, context.quick)
    banks = {source: enrol_speakers(context.servers, ami_path(source), references[source]) for source, _ in pairs}
    jobs = [
        IdentificationJob(
            enrolled_from=source, target=target, workspace_id=banks[source].workspace_id, enrolled=banks[source].names
        )
        for source, target in pairs
    ]
    spec = QualitySpec(
        diarize={**{name: ami_path(name) for name in excerpts}, SAMPLE_URI: sample_wav()},
        identify=jobs,
        transcribe={case.name: case.path for case in cases},
        attribute=SAMPLE_URI,
        servers=context.servers,
    )
    result, _ = run_child("quality", spec, QualityResult, context.workdir / "children")
    section.tables.append(_der_table(result, references, section))
    section.tables += _naming_tables(result, references, section)
    section.tables.append(_wer_table(result, {case.name: case.reference for case in cases}, section))
    section.tables.append(_sample_table(result, section))


def _der_table(result: QualityResult, references: dict[str, Annotation], section: Section) -> Table:
    table = Table(
        "Diarization error rate (overlap included, UEM 0-30 s)",
        [
            "recording",
            "ref spk",
            "hyp spk",
            "DER collar 0",
            f"DER ±{NIST_COLLAR_S} s",
            "missed",
            "false alarm",
            "confusion",
        ],
        note=f"±{NIST_COLLAR_S} s = pyannote.metrics collar={2 * NIST_COLLAR_S} (NIST convention). "
        "missed/false alarm/confusion at collar 0.",
    )
    scores: dict[str, tuple[DiarizationScore, DiarizationScore]] = {}
    for uri, turns in result.diarizations.items():
        window = uem(SAMPLE_DURATION_S if uri == SAMPLE_URI else AMI_EXCERPT_S)
        hypothesis = turns_annotation(_tuples(turns))
        exact, lenient = (diarization_error(references[uri], hypothesis, window, c) for c in (0.0, NIST_COLLAR_S))
        scores[uri] = (exact, lenient)
        table.add(
            uri,
            len(references[uri].labels()),
            len(hypothesis.labels()),
            percent(exact.der),
            percent(lenient.der),
            percent(exact.missed),
            percent(exact.false_alarm),
            percent(exact.confusion),
        )
    ami = [pair for uri, pair in scores.items() if uri != SAMPLE_URI]
    overall = (_pooled([p[0] for p in ami]), _pooled([p[1] for p in ami]))
    table.add(
        f"AMI, {len(ami)} excerpts pooled", None, None, percent(overall[0]), percent(overall[1]), None, None, None
    )
    section.figures["der"] = {
        uri: {"collar_0": e.__dict__, "collar_0.25": le.__dict__} for uri, (e, le) in scores.items()
    }
    section.figures["der_ami_pooled"] = {"collar_0": overall[0], "collar_0.25": overall[1]}
    return table


def _pooled(scores: list[DiarizationScore]) -> float:
    total = sum(score.total_s for score in scores)
    return sum(score.der * score.total_s for score in scores) / total if total else 0.0


def _naming_tables(result: QualityResult, references: dict[str, Annotation], section: Section) -> list[Table]:
    chosen = result.chosen_threshold
    sweep = Table(
        "Identification across thresholds (all pairs pooled, share of reference speech time)",
        ["threshold", "right name", "wrong name", "unnamed", "named silence s"],
        note=f"Enrolled from one excerpt (cut by its RTTM), identified in another; the worker's "
        f"threshold is {chosen}. 'unnamed' includes speech the diarization missed.",
    )
    pooled_by_threshold: dict[float, NamingShares] = {}
    for threshold in sorted({*THRESHOLDS, chosen}):
        pooled = _pool_shares([_shares(outcome, result, references, threshold) for outcome in result.identifications])
        pooled_by_threshold[threshold] = pooled
        marker = f"**{threshold:.2f}** (chosen)" if threshold == chosen else f"{threshold:.2f}"
        sweep.add(
            marker,
            percent(pooled.right),
            percent(pooled.wrong),
            percent(pooled.unnamed),
            round(pooled.named_silence_s, 2),
        )
    pairs = Table(
        f"Identification per pair at the chosen threshold ({chosen})",
        [
            "enrolled from → processed",
            "enrolled (≥ 2 s of clean speech)",
            "in the processed excerpt",
            "right",
            "wrong",
            "unnamed",
            "speakers: name (cosine)",
        ],
        note="A speaker's cosine is with the person the optimal assignment gave it, named or not.",
    )
    for outcome in result.identifications:
        shares = _shares(outcome, result, references, chosen)
        named = ", ".join(
            f"{label}: {_name_at(m.name, m.score, chosen) or 'unknown'} ({_score(m.score)})"
            for label, m in sorted(outcome.speakers.items())
        )
        present = ", ".join(sorted(str(label) for label in references[outcome.target].labels()))
        pairs.add(
            f"{outcome.enrolled_from} → {outcome.target}",
            ", ".join(outcome.enrolled),
            present,
            percent(shares.right),
            percent(shares.wrong),
            percent(shares.unnamed),
            named,
        )
    section.figures["identification"] = {
        "chosen_threshold": chosen,
        "sweep": {str(t): s.__dict__ for t, s in pooled_by_threshold.items()},
        "pairs": [outcome.model_dump() for outcome in result.identifications],
    }
    return [sweep, pairs]


def _shares(
    outcome: IdentificationOutcome, result: QualityResult, references: dict[str, Annotation], threshold: float
) -> NamingShares:
    names = {label: _name_at(m.name, m.score, threshold) for label, m in outcome.speakers.items()}
    named = named_annotation(_tuples(result.diarizations[outcome.target]), names)
    return naming_shares(references[outcome.target], named, uem(AMI_EXCERPT_S))


def _name_at(name: str | None, score: float | None, threshold: float) -> str | None:
    return name if score is not None and score >= threshold else None


def _score(score: float | None) -> str:
    return "no clean speech" if score is None else f"{score:.2f}"


def _pool_shares(shares: list[NamingShares]) -> NamingShares:
    speech = sum(s.speech_s for s in shares) or 1.0
    return NamingShares(
        right=sum(s.right * s.speech_s for s in shares) / speech,
        wrong=sum(s.wrong * s.speech_s for s in shares) / speech,
        unnamed=sum(s.unnamed * s.speech_s for s in shares) / speech,
        named_silence_s=sum(s.named_silence_s for s in shares),
        speech_s=speech,
    )


def _wer_table(result: QualityResult, references: dict[str, str], section: Section) -> Table:
    table = Table(
        "Transcription WER (Whisper as configured, language detected; lower case, no punctuation)",
        ["recording", "language", "ref words", "errors", "WER", "seconds"],
        note="seconds include loading Whisper for the first recording.",
    )
    figures = {}
    for name, reference in references.items():
        transcript = result.transcripts[name]
        errors = word_errors(reference, transcript.text)
        table.add(
            name, transcript.language, errors.reference_words, errors.errors, percent(errors.rate), transcript.seconds
        )
        figures[name] = {"wer": errors.rate, "hypothesis": transcript.text, "language": transcript.language}
    section.figures["wer"] = figures
    return table


def _sample_table(result: QualityResult, section: Section) -> Table:
    """The whole fused output on pyannote's sample: WER, cpWER against sample.stm, word attribution."""
    stm = sample_stm()
    by_speaker: dict[str, list[str]] = defaultdict(list)
    for speaker, _, text in stm:
        by_speaker[speaker].append(text)
    hypothesis = _words_by_speaker(result.attributed_words)
    plain = word_errors(" ".join(text for _, _, text in stm), " ".join(w.text for w in result.attributed_words))
    cp = cp_word_errors({s: " ".join(t) for s, t in by_speaker.items()}, hypothesis)
    attribution = word_attribution(
        [AttributedWord(w.start, w.end, w.speaker) for w in result.attributed_words], sample_reference()
    )
    table = Table(
        "pyannote sample.wav: fused transcript vs sample.stm / sample.rttm",
        ["WER", "cpWER", "words on the right speaker", "judged words"],
    )
    table.add(percent(plain.rate), percent(cp.rate), percent(attribution.accuracy), attribution.judged_words)
    section.figures["sample"] = {"wer": plain.rate, "cpwer": cp.rate, "word_attribution": attribution.accuracy}
    return table


def _words_by_speaker(words: list[SpokenWord]) -> dict[str, str]:
    texts: dict[str, list[str]] = defaultdict(list)
    for word in sorted(words, key=lambda w: w.start):
        texts[word.speaker].append(word.text)
    return {speaker: " ".join(parts) for speaker, parts in texts.items()}


def _tuples(turns: list[Turn]) -> list[tuple[float, float, str]]:
    return [(turn.start, turn.end, turn.speaker) for turn in turns]
