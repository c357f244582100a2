"""The real recordings the bench runs on, their references, and the clips it derives from them.

Sources: `../shared/audio` (AMI excerpts with `ami/reference.rttm`, jfk, stereo, multilingual; see its
README for the reference texts) and pyannote.audio's bundled `sample.wav` (RTTM + STM). Nothing is
copied into the repository: derived clips (a stereo channel, the English part, long concatenations)
are written by FFmpeg into the bench's temporary folder.
"""

import importlib.util
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pyannote.core import Annotation, Segment, Timeline

REPO = Path(__file__).resolve().parents[1]
SHARED_AUDIO = REPO.parent / "shared" / "audio"
AMI_DIR = SHARED_AUDIO / "ami"
AMI_RTTM = AMI_DIR / "reference.rttm"
AMI_EXCERPTS = ("trn00", "trn01", "trn02", "trn03", "trn04", "trn05", "trn06", "trn07", "trn08", "trn09", "dev00")
AMI_EXCERPT_S = 30.0
"""The README: evaluate every excerpt over 0-30 s."""

# (enrolled from, processed): excerpts of one meeting that share speakers.
IDENTIFICATION_PAIRS = (
    ("trn00", "trn03"),
    ("trn00", "trn01"),
    ("trn07", "trn08"),
    ("trn08", "trn07"),
    ("trn06", "trn09"),
)

JFK_TEXT = "And so my fellow Americans, ask not what your country can do for you, ask what you can do for your country."
STEREO_LEFT_TEXT = "He began a confused complaint against the wizard, who had vanished behind the curtain on the left."
STEREO_RIGHT_TEXT = "The horizon seems extremely distant."
MULTILINGUAL_ENGLISH_TEXT = (
    "Permission is hereby granted, free of charge, to any person obtaining a copy of the software and associated "
    "documentation files to deal in the software without restriction, including without limitation the rights to "
    "use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the software, and to permit "
    "persons to whom the software is furnished to do so, subject to the following conditions. The above copyright "
    "notice and this permission notice shall be included in all copies or substantial portions of the software."
)
MULTILINGUAL_ENGLISH_END_S = 30.0
"""Inside the 2 s pause (29.0-31.0 s, FFmpeg silencedetect) between the English and the German reading."""


class MissingAudioError(FileNotFoundError):
    """The shared recordings (or pyannote's sample) are not where the bench expects them."""


@dataclass(frozen=True)
class TranscriptionCase:
    name: str
    path: Path
    reference: str


def require_shared_audio() -> None:
    if not AMI_RTTM.is_file():
        raise MissingAudioError(
            f"the shared recordings are missing at {SHARED_AUDIO} (see shared/audio/README.md beside the clone)"
        )


def pyannote_sample_dir() -> Path:
    """pyannote.audio's `sample/` folder, found without importing pyannote.audio (torch) in this process."""
    spec = importlib.util.find_spec("pyannote.audio")
    if spec is None or not spec.submodule_search_locations:
        raise MissingAudioError("pyannote.audio is not installed in this environment: run ./manage.sh setup")
    return Path(next(iter(spec.submodule_search_locations))) / "sample"


def sample_wav() -> Path:
    return pyannote_sample_dir() / "sample.wav"


def sample_reference() -> Annotation:
    return read_rttm(pyannote_sample_dir() / "sample.rttm")["sample"]


def sample_stm() -> list[tuple[str, float, str]]:
    """(speaker, start, text) of each line of `sample.stm`, in time order."""
    rows = []
    for line in (pyannote_sample_dir() / "sample.stm").read_text().splitlines():
        fields = line.split(maxsplit=5)
        if len(fields) == 6 and not line.startswith(";;"):
            rows.append((fields[2], float(fields[3]), re.sub(r"^<[^>]*>\s*", "", fields[5])))
    return sorted(rows, key=lambda row: row[1])


def ami_path(excerpt: str) -> Path:
    return AMI_DIR / f"{excerpt}.wav"


def ami_references() -> dict[str, Annotation]:
    """Each excerpt's reference, cropped to its 0-30 s evaluation window."""
    window = Segment(0.0, AMI_EXCERPT_S)
    return {uri: annotation.crop(window) for uri, annotation in read_rttm(AMI_RTTM).items()}


def read_rttm(path: Path) -> dict[str, Annotation]:
    """uri -> who speaks when, from the SPEAKER lines of an RTTM file."""
    annotations: dict[str, Annotation] = {}
    for index, line in enumerate(path.read_text().splitlines()):
        fields = line.split()
        if len(fields) >= 8 and fields[0] == "SPEAKER":
            uri, start, duration = fields[1], float(fields[3]), float(fields[4])
            annotation = annotations.setdefault(uri, Annotation(uri=uri))
            annotation[Segment(start, start + duration), index] = fields[7]
    return annotations


def uem(duration_s: float) -> Timeline:
    return Timeline([Segment(0.0, duration_s)])


def transcription_cases(workdir: Path, quick: bool) -> list[TranscriptionCase]:
    """jfk, each channel of the stereo file and the English part of multilingual.mp3, as 16 kHz mono WAVs
    (what the worker's decode step makes of any upload)."""
    stereo = SHARED_AUDIO / "stereo_diarization.wav"
    cases = [
        TranscriptionCase("jfk.flac", _mono(SHARED_AUDIO / "jfk.flac", workdir / "jfk.wav"), JFK_TEXT),
        TranscriptionCase("stereo left", _channel(stereo, 0, workdir / "stereo-left.wav"), STEREO_LEFT_TEXT),
        TranscriptionCase("stereo right", _channel(stereo, 1, workdir / "stereo-right.wav"), STEREO_RIGHT_TEXT),
    ]
    if not quick:
        english = _cut(SHARED_AUDIO / "multilingual.mp3", MULTILINGUAL_ENGLISH_END_S, workdir / "multilingual-en.wav")
        cases.append(TranscriptionCase("multilingual.mp3 (English part)", english, MULTILINGUAL_ENGLISH_TEXT))
    return cases


def short_recordings(quick: bool) -> dict[str, tuple[Path, Annotation]]:
    """The recordings the speed and naive sections compare on (name -> file, reference)."""
    recordings = {"sample.wav": (sample_wav(), sample_reference())}
    if not quick:
        recordings[AMI_EXCERPTS[0]] = (ami_path(AMI_EXCERPTS[0]), ami_references()[AMI_EXCERPTS[0]])
    return recordings


@dataclass(frozen=True)
class LongRecording:
    path: Path
    duration_s: float
    reference: Annotation
    excerpts: int


def concatenate_excerpts(target_s: float, destination: Path) -> LongRecording:
    """AMI excerpts one after another (cycling) up to `target_s`, with their references shifted to match.
    One excerpt is returned as is (the speed section's recording: it is not profiled twice)."""
    count = max(1, round(target_s / AMI_EXCERPT_S))
    names = [AMI_EXCERPTS[i % len(AMI_EXCERPTS)] for i in range(count)]
    if count == 1:
        return LongRecording(ami_path(names[0]), AMI_EXCERPT_S, ami_references()[names[0]], 1)
    listing = destination.with_suffix(".txt")
    listing.write_text("".join(f"file '{ami_path(name)}'\n" for name in names))
    _ffmpeg(
        ["-f", "concat", "-safe", "0", "-i", str(listing), "-ac", "1", "-ar", "16000", "-c:a", "pcm_s16le"], destination
    )
    references = ami_references()
    combined = Annotation(uri=destination.stem)
    for index, name in enumerate(names):
        offset = index * AMI_EXCERPT_S
        for segment, track, label in references[name].itertracks(yield_label=True):
            combined[Segment(segment.start + offset, segment.end + offset), f"{index}-{track}"] = label
    return LongRecording(destination, count * AMI_EXCERPT_S, combined, count)


def _channel(source: Path, channel: int, destination: Path) -> Path:
    return _ffmpeg(["-i", str(source), "-af", f"pan=mono|c0=c{channel}", "-ar", "16000"], destination)


def _mono(source: Path, destination: Path) -> Path:
    return _ffmpeg(["-i", str(source), "-ac", "1", "-ar", "16000"], destination)


def _cut(source: Path, end_s: float, destination: Path) -> Path:
    return _ffmpeg(["-i", str(source), "-t", f"{end_s:.3f}", "-ac", "1", "-ar", "16000"], destination)


def _ffmpeg(arguments: list[str], destination: Path) -> Path:
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", *arguments, str(destination)], check=True)
    return destination
