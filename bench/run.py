"""`./manage.sh bench`: accuracy and speed of the worker's pipeline on real recordings.

Run from the repository root with the worker's environment:
    02-workers/.venv/bin/python bench/run.py [--quick] [--only SECTION ...] [--report PATH]
"""

import runpy
import sys
from pathlib import Path

if __name__ == "__main__":
    # Imports resolve from the repository root (the `bench` package), not from this folder.
    sys.path[0] = str(Path(__file__).resolve().parents[1])
    runpy.run_module("bench.runner", run_name="__main__", alter_sys=True)
