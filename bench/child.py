"""Entry point of a measured child process: `python -m bench.child KIND SPEC.json RESULT.json`."""

import sys
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel

from bench.children import naive, pipeline, quality
from bench.jobs import NaiveSpec, PipelineSpec, QualitySpec

KINDS: dict[str, Callable[[str], BaseModel]] = {
    "pipeline": lambda raw: pipeline.run(PipelineSpec.model_validate_json(raw)),
    "quality": lambda raw: quality.run(QualitySpec.model_validate_json(raw)),
    "naive": lambda raw: naive.run(NaiveSpec.model_validate_json(raw)),
}


def main(argv: list[str]) -> None:
    kind, spec_path, result_path = argv
    result = KINDS[kind](Path(spec_path).read_text())
    Path(result_path).write_text(result.model_dump_json())


if __name__ == "__main__":
    main(sys.argv[1:])
