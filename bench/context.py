"""State shared by the sections of one bench run: its folder, servers, mode, and the pipeline runs
already measured (a recording profiled by one section is not profiled again by another)."""

from dataclasses import dataclass, field
from pathlib import Path

from bench.audio_sets import ami_path, ami_references
from bench.infra import enrol_speakers
from bench.jobs import PipelineProfile, PipelineSpec, Servers
from bench.measure import run_child

BANK_SOURCE = "trn07"
"""The voice bank the speed and scaling runs score against: trn07's four speakers."""


@dataclass
class BenchContext:
    workdir: Path
    servers: Servers
    quick: bool
    scaling_lengths_s: tuple[float, ...] = ()
    """The scaling section's lengths when asked for; empty: its defaults."""
    profiles: dict[str, tuple[PipelineProfile, float]] = field(default_factory=dict)

    def profile(self, key: str, recording: Path) -> tuple[PipelineProfile, float]:
        """The worker's pipeline on `recording` in a child of its own (no language given: detected, as
        for a plain upload), against a fresh voice bank; with the child's whole wall time."""
        if key not in self.profiles:
            bank = enrol_speakers(self.servers, ami_path(BANK_SOURCE), ami_references()[BANK_SOURCE])
            spec = PipelineSpec(
                recording=recording,
                language=None,
                workspace_id=bank.workspace_id,
                servers=self.servers,
                workdir=self.workdir,
            )
            profile, child_s = run_child("pipeline", spec, PipelineProfile, self.workdir / "children")
            print(
                f"  profiled {key}: {profile.duration_s:.0f} s of audio in {profile.total_s:.1f} s "
                f"(child process {child_s:.1f} s)",
                flush=True,
            )
            self.profiles[key] = (profile, child_s)
        return self.profiles[key]
