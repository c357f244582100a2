"""Runs the bench's sections in order, prints their tables and the bench's own timing, writes the JSON report."""

import argparse
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from bench.audio_sets import REPO, require_shared_audio
from bench.context import BenchContext
from bench.e2e import run_end_to_end
from bench.infra import bench_servers
from bench.naive import run_naive
from bench.quality import run_quality
from bench.report import Section, Table, machine, print_section, write_report
from bench.scaling import run_scaling
from bench.speed import run_speed

SECTIONS: dict[str, Callable[[BenchContext, Section], None]] = {
    "quality": run_quality,
    "speed": run_speed,
    "naive": run_naive,
    "e2e": run_end_to_end,
    "scaling": run_scaling,
}
DEFAULT_REPORT = REPO / "bench" / "reports" / "latest.json"
OFFLINE_ENVIRONMENT = {
    "HF_HUB_OFFLINE": "1",
    "PYANNOTE_METRICS_ENABLED": "false",
    "MODELS_DIR": str(REPO / "volumes" / "models"),
}


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench/run.py", description=__doc__)
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a fast subset (about 3 minutes on 2 cores): fewer recordings, no 5/30 min points",
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=list(SECTIONS),
        metavar="SECTION",
        help=f"run only this section (repeatable): {', '.join(SECTIONS)}",
    )
    parser.add_argument(
        "--lengths",
        type=float,
        nargs="+",
        metavar="MINUTES",
        help="the scaling section's recording lengths in minutes (default 0.5 5 30; with --quick 0.5)",
    )
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT, help="where the JSON report goes")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    arguments = parse_arguments(argv)
    for name, value in OFFLINE_ENVIRONMENT.items():
        os.environ.setdefault(name, value)  # the children inherit them
    require_shared_audio()
    names = [name for name in SECTIONS if not arguments.only or name in arguments.only]
    print(f"# Smart Meeting Scribe bench ({'quick' if arguments.quick else 'full'}): {', '.join(names)}")
    print(f"machine: {machine()}", flush=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="scribe-bench-") as tmp, bench_servers(Path(tmp)) as servers:
        context = BenchContext(
            workdir=Path(tmp),
            servers=servers,
            quick=arguments.quick,
            scaling_lengths_s=tuple(60.0 * minutes for minutes in arguments.lengths or ()),
        )
        sections = [_run_section(name, context) for name in names]
    total_s = time.perf_counter() - started
    print(_timing_table(sections, total_s).markdown())
    write_report(arguments.report, sections, {**vars(arguments), "report": str(arguments.report)}, total_s)
    print(f"\nreport: {arguments.report}; load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 1 if any(section.error for section in sections) else 0


def _run_section(name: str, context: BenchContext) -> Section:
    section = Section(name)
    started = time.perf_counter()
    try:
        SECTIONS[name](context, section)
    except Exception as error:  # one section failing must not hide the others' figures
        section.error = f"{type(error).__name__}: {error}"
        traceback.print_exc()
    section.seconds = round(time.perf_counter() - started, 1)
    print_section(section)
    return section


def _timing_table(sections: list[Section], total_s: float) -> Table:
    table = Table(
        "The bench's own timing",
        ["section", "seconds", "result"],
        note="A section's time includes its child processes' start (imports) and the model runs "
        "it shares with later sections (a recording is profiled once).",
    )
    for section in sections:
        table.add(section.name, section.seconds, "failed" if section.error else "ok")
    table.add("**total** (servers included)", round(total_s, 1), None)
    return table


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
