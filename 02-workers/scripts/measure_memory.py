"""Peak memory of the worker's model stages on long recordings: does 1 h need more than 10 min?

Builds 5/30/60-minute recordings by concatenating the real AMI excerpts of the shared test data
(ffmpeg), then, for each length in a fresh process, runs diarization and transcription through
one ModelManager as the worker does, sampling RSS every 0.1 s. Prints a table of peak RSS per
stage and RSS after each release. On CUDA it also prints peak VRAM (torch's allocator).

    cd 02-workers && HF_HUB_OFFLINE=1 PYANNOTE_METRICS_ENABLED=false \
        .venv/bin/python scripts/measure_memory.py --minutes 5 30 60
"""

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import torch
from scribe_contracts import SpeakerCountHint

from app.core.model_settings import ModelSettings
from app.core.models import ModelManager, current_rss_bytes
from app.services.diarization import Diarizer
from app.services.transcription import Transcriber
from app.services.types import DecodedAudio

SHARED_AMI = Path(__file__).resolve().parents[2].parent / "shared" / "audio" / "ami"
MIB = 1024 * 1024


def build_recording(minutes: float, workdir: Path) -> Path:
    """`minutes` of real meeting audio: the AMI excerpts one after another, repeated as needed."""
    target = workdir / f"meeting-{minutes:g}min.wav"
    if target.exists():
        return target
    excerpts = sorted(SHARED_AMI.glob("*.wav"))
    if not excerpts:
        raise SystemExit(f"no AMI excerpts in {SHARED_AMI}")
    repeats = int(minutes * 60 / (30 * len(excerpts))) + 1
    listing = workdir / f"concat-{minutes:g}.txt"
    listing.write_text("".join(f"file '{path}'\n" for path in excerpts * repeats))
    subprocess.run(
        [
            "ffmpeg",
            "-nostdin",
            "-v",
            "error",
            "-y",
            "-f",
            "concat",
            "-safe",
            "0",
            "-i",
            str(listing),
            "-t",
            str(minutes * 60),
            "-ac",
            "1",
            "-ar",
            "16000",
            "-c:a",
            "pcm_s16le",
            str(target),
        ],
        check=True,
    )
    return target


class PeakSampler:
    """Highest RSS seen since the last `reset`, sampled by a background thread."""

    def __init__(self, interval_s: float = 0.1) -> None:
        self.peak = current_rss_bytes()
        self._interval_s = interval_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(self._interval_s):
            self.peak = max(self.peak, current_rss_bytes())

    def reset(self) -> None:
        self.peak = current_rss_bytes()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


@contextmanager
def stage(name: str, sampler: PeakSampler, models: ModelManager, figures: dict[str, Any]) -> Iterator[None]:
    sampler.reset()
    if torch.cuda.is_available():
        torch.cuda.reset_peak_memory_stats()
    started = time.monotonic()
    yield
    figures[f"{name}_s"] = round(time.monotonic() - started, 1)
    figures[f"{name}_peak_rss_mib"] = round(max(sampler.peak, current_rss_bytes()) / MIB)
    if torch.cuda.is_available():
        figures[f"{name}_peak_vram_mib"] = round(torch.cuda.max_memory_allocated() / MIB)
    models.release()
    figures[f"after_{name}_release_rss_mib"] = round(current_rss_bytes() / MIB)


def measure(wav: Path, minutes: float) -> dict[str, Any]:
    """Runs in the child process: one recording through diarization then transcription."""
    settings, models = ModelSettings(), ModelManager()
    audio = DecodedAudio(path=wav, duration_s=minutes * 60)
    figures: dict[str, Any] = {"minutes": minutes, "start_rss_mib": round(current_rss_bytes() / MIB)}
    sampler = PeakSampler()
    quiet: Callable[[float], None] = lambda _: None  # noqa: E731
    with stage("diarization", sampler, models, figures):
        diarization = Diarizer(settings, models).run(audio, SpeakerCountHint(), quiet)
    with stage("transcription", sampler, models, figures):
        transcription = Transcriber(settings, models).run(audio, None, quiet)
    sampler.stop()
    figures["speakers"] = len(diarization.speakers)
    figures["words"] = len(transcription.words)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, nargs="+", default=[5, 30, 60])
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "scribe-measure-memory")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.minutes[0])))
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    rows = []
    for minutes in args.minutes:
        wav = build_recording(minutes, args.workdir)
        child = subprocess.run(
            [sys.executable, __file__, "--child", str(wav), "--minutes", str(minutes)],
            check=True,
            capture_output=True,
            text=True,
        )
        rows.append(json.loads(child.stdout.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), flush=True)
    columns = [key for key in rows[0] if key != "minutes"]
    print("\nminutes  " + "  ".join(columns))
    for row in rows:
        print(f"{row['minutes']:>7g}  " + "  ".join(f"{row.get(key, '')!s:>{len(key)}}" for key in columns))


if __name__ == "__main__":
    main()
