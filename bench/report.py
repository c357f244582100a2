"""Markdown tables on stdout and one JSON report with every figure (and the tables themselves)."""

import json
import os
import platform
import sys
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

Cell = str | int | float | None


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    note: str = ""

    def add(self, *cells: Cell) -> None:
        self.rows.append(list(cells))

    def markdown(self) -> str:
        lines = [f"### {self.title}", "", _row(self.headers), _row(["---"] * len(self.headers))]
        lines += [_row([_cell(value) for value in row]) for row in self.rows]
        if self.note:
            lines += ["", self.note]
        return "\n".join(lines)


@dataclass
class Section:
    name: str
    tables: list[Table] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    error: str | None = None


def print_section(section: Section) -> None:
    print(f"\n## {section.name} ({section.seconds:.0f} s)\n", flush=True)
    if section.error:
        print(f"**not measured**: {section.error}\n", flush=True)
    for table in section.tables:
        print(table.markdown() + "\n", flush=True)


def write_report(path: Path, sections: list[Section], arguments: dict[str, Any], total_s: float) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "arguments": arguments,
        "bench_seconds": round(total_s, 1),
        "sections": {section.name: asdict(section) for section in sections},
    }
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str))


def machine() -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "load_average_1_5_15": [round(load, 2) for load in os.getloadavg()],
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpu_model": _cpu_model(),
    }


def _cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    lines = cpuinfo.read_text().splitlines() if cpuinfo.exists() else []
    return next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), platform.machine())


def percent(value: float | None) -> str | None:
    return None if value is None else f"{100 * value:.1f}%"


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _cell(value: Cell) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"
    return str(value)
