"""Speed and memory per stage: the worker's own pipeline on short real recordings, each run in a child
process of its own; plus which models were resident, and what releasing them gave back."""

from bench.audio_sets import short_recordings
from bench.context import BenchContext
from bench.jobs import PipelineProfile
from bench.report import Section, Table

MODEL_STAGES = ("diarization", "identification", "transcription")


def run_speed(context: BenchContext, section: Section) -> None:
    for key, (path, _) in short_recordings(context.quick).items():
        profile, child_s = context.profile(key, path)
        section.tables.append(stage_table(f"Per stage: {key} ({profile.duration_s:.0f} s, {profile.device})", profile))
        section.tables.append(swap_table(key, profile))
        section.figures[key] = {
            **profile.model_dump(exclude={"turns", "words", "names"}),
            "model_inference_s": model_inference_s(profile),
            "child_process_s": round(child_s, 1),
        }


def model_inference_s(profile: PipelineProfile) -> float:
    """The models' own work: diarization, identification and transcription, without loading them."""
    return round(sum(stage.inference_s for stage in profile.stages if stage.stage in MODEL_STAGES), 3)


def stage_table(title: str, profile: PipelineProfile) -> Table:
    table = Table(
        title,
        [
            "stage",
            "wall s",
            "model load s",
            "inference s",
            "RTF",
            "peak RSS MiB",
            "RSS after MiB",
            "peak VRAM MiB",
            "models loaded",
        ],
        note=f"RSS before the job: {profile.baseline_rss_mib:.0f} MiB"
        + (f"; VRAM before: {profile.baseline_vram_mib:.0f} MiB" if profile.baseline_vram_mib else "")
        + ". RTF = wall / audio duration.",
    )
    for stage in profile.stages:
        table.add(
            stage.stage,
            stage.wall_s,
            stage.model_load_s,
            round(stage.inference_s, 3),
            round(stage.wall_s / profile.duration_s, 3),
            stage.peak_rss_mib,
            stage.rss_after_mib,
            stage.peak_vram_mib,
            ", ".join(model.split(":")[0] for model in stage.models_loaded) or None,
        )
    table.add(
        "**total**",
        profile.total_s,
        round(sum(s.model_load_s for s in profile.stages), 3),
        model_inference_s(profile),
        round(profile.total_s / profile.duration_s, 3),
        profile.process_peak_rss_mib,
        None,
        _peak_vram(profile),
        f"max resident at once: {profile.max_resident_models}",
    )
    return table


def _peak_vram(profile: PipelineProfile) -> float | None:
    peaks = [stage.peak_vram_mib for stage in profile.stages if stage.peak_vram_mib is not None]
    return max(peaks) if peaks else None


def swap_table(key: str, profile: PipelineProfile) -> Table:
    table = Table(
        f"Model loads and releases: {key}",
        ["at s", "action", "model", "RSS before MiB", "RSS after MiB", "VRAM before MiB", "VRAM after MiB"],
        note=f"At most {profile.max_resident_models} model(s) resident at any time.",
    )
    for swap in profile.swaps:
        table.add(
            swap.at_s,
            swap.action,
            swap.model,
            swap.rss_before_mib,
            swap.rss_after_mib,
            swap.vram_before_mib,
            swap.vram_after_mib,
        )
    return table
