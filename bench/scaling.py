"""Scaling: the worker's pipeline on 30 s, 5 min and 30 min recordings made of the AMI excerpts one after
another, each length in a child process of its own: time and peak memory against length."""

from bench.audio_sets import concatenate_excerpts, uem
from bench.context import BenchContext
from bench.metrics import NIST_COLLAR_S, diarization_error, turns_annotation
from bench.report import Section, Table, percent
from bench.speed import MODEL_STAGES

LENGTHS_S = (30.0, 300.0, 1800.0)
QUICK_LENGTHS_S = (30.0,)
STAGES = ("downloading", "decoding", *MODEL_STAGES, "fusion", "storing")


def run_scaling(context: BenchContext, section: Section) -> None:
    table = Table(
        "Time and memory against length (AMI excerpts concatenated)",
        [
            "length",
            "total s",
            "RTF",
            *(f"{stage} s" for stage in STAGES),
            "peak RSS MiB",
            "peak RSS diarization",
            "peak RSS transcription",
            f"DER ±{NIST_COLLAR_S} s",
        ],
        note="Peak RSS is the job's, in a child process of its own (imports excluded: about the RSS before the job).",
    )
    for length in _lengths(context):
        recording = concatenate_excerpts(length, context.workdir / f"ami-{length:.0f}s.wav")
        key = recording.path.stem if recording.excerpts == 1 else f"{length / 60:g} min"
        profile, _ = context.profile(key, recording.path)
        stages = {stage.stage: stage for stage in profile.stages}
        der = diarization_error(
            recording.reference,
            turns_annotation([(t.start, t.end, t.speaker) for t in profile.turns]),
            uem(recording.duration_s),
            NIST_COLLAR_S,
        )
        table.add(
            _length(length),
            profile.total_s,
            round(profile.total_s / profile.duration_s, 3),
            *(stages[name].wall_s if name in stages else None for name in STAGES),
            profile.process_peak_rss_mib,
            stages["diarization"].peak_rss_mib if "diarization" in stages else None,
            stages["transcription"].peak_rss_mib if "transcription" in stages else None,
            percent(der.der),
        )
        section.figures[key] = {
            "duration_s": profile.duration_s,
            "total_s": profile.total_s,
            "der_collar_0.25": der.der,
            "baseline_rss_mib": profile.baseline_rss_mib,
            "process_peak_rss_mib": profile.process_peak_rss_mib,
            "stages": [stage.model_dump() for stage in profile.stages],
        }
    section.tables.append(table)


def _lengths(context: BenchContext) -> tuple[float, ...]:
    if context.scaling_lengths_s:
        return context.scaling_lengths_s
    return QUICK_LENGTHS_S if context.quick else LENGTHS_S


def _length(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 60 else f"{seconds / 60:g} min"
