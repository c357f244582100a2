"""Reference annotations of the shared recordings, and voice samples cut from them.

Used by the demo and the end-to-end tests to enroll people the way a person would: from a stretch
of their own voice, without anyone else talking over it.
"""

import subprocess
from collections import defaultdict
from pathlib import Path

Turns = dict[str, list[tuple[float, float]]]
_MIN_PIECE_S = 0.05


def read_rttm(path: Path, file_id: str | None = None) -> Turns:
    """Each speaker's (start, end) turns in an RTTM file, optionally for one recording only."""
    turns: Turns = defaultdict(list)
    for line in path.read_text().splitlines():
        fields = line.split()
        if fields and fields[0] == "SPEAKER" and (file_id is None or fields[1] == file_id):
            start = float(fields[3])
            turns[fields[7]].append((start, start + float(fields[4])))
    return dict(turns)


def clean_speech(turns: Turns) -> Turns:
    """Each speaker's turns minus every moment someone else talks too."""
    clean: Turns = {}
    for speaker, spans in turns.items():
        pieces = list(spans)
        for other_start, other_end in (span for other, others in turns.items() if other != speaker for span in others):
            pieces = [
                part
                for start, end in pieces
                for part in ((start, min(end, other_start)), (max(start, other_end), end))
                if part[1] - part[0] > _MIN_PIECE_S
            ]
        clean[speaker] = pieces
    return clean


def speech_seconds(spans: list[tuple[float, float]]) -> float:
    return sum(end - start for start, end in spans)


def cut_speech(source: Path, spans: list[tuple[float, float]], destination: Path) -> Path:
    """The given spans of `source`, concatenated into one 16 kHz mono WAV at `destination`."""
    select = "+".join(f"between(t,{start:.3f},{end:.3f})" for start, end in spans)
    subprocess.run(
        [
            "ffmpeg",
            "-nostdin",
            "-v",
            "error",
            "-y",
            "-i",
            str(source),
            "-af",
            f"aselect='{select}',asetpts=N/SR/TB",
            "-ac",
            "1",
            "-ar",
            "16000",
            str(destination),
        ],
        check=True,
    )
    return destination
