#!/usr/bin/env bash
# Makes PyPI's torchaudio 2.11 importable next to CPU-only torch (dev machines and CI).
#
# Why: the x86_64 torchaudio 2.10/2.11 wheels on PyPI are CUDA builds; with torch's CPU wheel,
# `import torchaudio` fails loading libc10_cuda.so from its compiled extension. We only use
# torchaudio's pure-Python parts (kaldi fbank in our CAM++ embedding; resample/MFCC in pyannote),
# so deleting the extension libraries is enough. The alternative, the CUDA builds of torch and
# torchaudio, costs several GB per venv. Production (the CUDA Docker image) does not run this.
# Idempotent; argument 1 is the venv's python (default: the worker's .venv).
set -euo pipefail

WORKER_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${1:-$WORKER_DIR/.venv/bin/python}"

if "$PYTHON" -c "import torch, sys; sys.exit(0 if torch.cuda.is_available() or torch.version.cuda else 1)"; then
    echo "[fix_torchaudio] CUDA torch: leaving torchaudio as is"
    exit 0
fi
lib_dir="$("$PYTHON" -c "import importlib.util, pathlib; spec = importlib.util.find_spec('torchaudio'); print(pathlib.Path(spec.origin).parent / 'lib')")"
rm -f "$lib_dir"/*.so
"$PYTHON" -c "import torchaudio.compliance.kaldi" && echo "[fix_torchaudio] torchaudio imports on CPU torch"
