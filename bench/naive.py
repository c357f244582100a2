"""The platform's worker against the naive script a user would write (bench/children/naive.py): same
models, same recordings, same machine; speed, peak memory and accuracy side by side."""

from bench.audio_sets import sample_stm, short_recordings
from bench.context import BenchContext
from bench.jobs import NaiveResult, NaiveSpec, SpokenWord
from bench.measure import run_child
from bench.metrics import AttributedWord, word_attribution, word_errors
from bench.report import Section, Table, percent


def run_naive(context: BenchContext, section: Section) -> None:
    recordings = short_recordings(context.quick)
    naive, _ = run_child(
        "naive",
        NaiveSpec(recordings=[path for path, _ in recordings.values()]),
        NaiveResult,
        context.workdir / "children",
    )
    table = Table(
        "Worker pipeline vs naive script (pyannote on the file → faster-whisper on the file → "
        "speaker per Whisper segment)",
        [
            "recording",
            "pipeline",
            "wall s",
            "RTF",
            "peak RSS MiB",
            "words on the right speaker",
            "judged words",
            "WER",
            "speed ratio",
        ],
        note="Wall time excludes interpreter start and imports for both. The worker's includes its "
        "S3 download, decode, playback MP3, fusion and storage; the naive script does none of "
        "those. speed ratio = naive wall / worker wall (> 1: the worker is faster). WER only "
        "where a reference text exists (sample.stm).",
    )
    for run, (key, (path, reference)) in zip(naive.runs, recordings.items(), strict=True):
        worker, _ = context.profile(key, path)
        reference_text = " ".join(text for _, _, text in sample_stm()) if key == "sample.wav" else None
        rows = {
            "worker": (worker.total_s, worker.duration_s, worker.process_peak_rss_mib, worker.words),
            "naive": (run.total_s, run.duration_s, run.peak_rss_mib, run.words),
        }
        for name, (wall, duration, peak, words) in rows.items():
            attribution = word_attribution(_attributed(words), reference)
            wer = word_errors(reference_text, _text(words)).rate if reference_text else None
            ratio = round(run.total_s / worker.total_s, 2) if name == "naive" else None
            table.add(
                key,
                name,
                wall,
                round(wall / duration, 3),
                peak,
                percent(attribution.accuracy),
                attribution.judged_words,
                percent(wer),
                ratio,
            )
            section.figures[f"{key}/{name}"] = {
                "wall_s": wall,
                "peak_rss_mib": peak,
                "wer": wer,
                "word_attribution": attribution.accuracy,
            }
        section.figures[f"{key}/naive_steps_s"] = {
            "diarization": run.diarization_s,
            "transcription": run.transcription_s,
            "assignment": run.assignment_s,
        }
    section.tables.append(table)


def _attributed(words: list[SpokenWord]) -> list[AttributedWord]:
    return [AttributedWord(word.start, word.end, word.speaker) for word in words]


def _text(words: list[SpokenWord]) -> str:
    return " ".join(word.text for word in sorted(words, key=lambda w: w.start))
