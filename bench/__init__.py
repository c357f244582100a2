"""Smart Meeting Scribe benchmarks: accuracy and speed of the worker's pipeline on real recordings.

Run from the repository root with the worker's environment: `./manage.sh bench` (or
`02-workers/.venv/bin/python bench/run.py --help`).
"""
