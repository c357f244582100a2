#!/usr/bin/env bash
# Smart Meeting Scribe — one entry point for set-up, the local stack, tests, demo and production compose.
# Run `./manage.sh help` for the list of commands.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

BACKEND="$ROOT/03-interface/backend"
WORKERS="$ROOT/02-workers"
FRONTEND="$ROOT/03-interface/frontend-nextjs"
MODELS_DIR="${MODELS_DIR:-$ROOT/volumes/models}"
LOCAL_DATA="${DEVSTACK_DATA_DIR:-$ROOT/volumes/local}"
PYTHON="${PYTHON:-python3}"
TORCH_VERSION="2.13.0"

APT_PACKAGES=(postgresql redis-server ffmpeg espeak-ng sox chromium fonts-dejavu-core)

export HF_HUB_OFFLINE="${HF_HUB_OFFLINE:-1}"
export PYANNOTE_METRICS_ENABLED=false
export PIP_DISABLE_PIP_VERSION_CHECK=1

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

usage() {
  cat <<'EOF'
Usage: ./manage.sh COMMAND

Set-up and local use (no Docker needed):
  setup      install what is missing: Debian packages, Python venvs, npm packages, offline models
             (idempotent; a second run takes seconds)
  models     install the offline model weights into volumes/models (part of setup)
  dev        start the whole platform locally: PostgreSQL, Redis, S3, migrations, API, worker, frontend
  stop       stop everything `dev` started
  status     show what the local platform runs
  demo       set up, start the local platform, process a real recording and print its transcript
  test       run every test suite (lint, backend, worker, platform, frontend); what CI runs
  lint       ruff and mypy over every Python service
  bench      run the benchmarks and print their tables

Production (docker compose; needs a Docker engine and an NVIDIA GPU for the worker):
  up         build and start the stack in the background (uses .env)
  down       stop the stack
  logs [S]   follow the logs (of service S)
  ps         list the stack's containers
  migrate    apply the database migrations
  shell S    open a shell in service S (default: api)
EOF
}

# --- helpers --------------------------------------------------------------------------------------

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# A stamp file holds the hash of the inputs of an install step: same inputs, step skipped.
inputs_hash() { cat "$@" 2>/dev/null | sha256sum | cut -d' ' -f1; }
stamp_fresh() { [ -f "$1" ] && [ "$(cat "$1")" = "$2" ]; }

install_apt_packages() {
  local missing=()
  for package in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ "${#missing[@]}" -eq 0 ] && return
  log "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# make_venv DIR EXTRA_PIP_FIRST... -- PIP_ARGS...: create DIR/.venv and install, unless its inputs are unchanged.
make_venv() {
  local dir="$1" name="$2"; shift 2
  local venv="$dir/.venv" stamp="$dir/.venv/.scribe-installed"
  local hash; hash="$(inputs_hash "$dir/pyproject.toml" packages/contracts/pyproject.toml packages/devstack/pyproject.toml)"
  if stamp_fresh "$stamp" "$hash"; then return; fi
  log "installing the $name Python environment"
  [ -x "$venv/bin/python" ] || "$PYTHON" -m venv "$venv"
  "$venv/bin/pip" install -q --upgrade pip
  "$@"
  "$venv/bin/pip" install -q -e packages/contracts -e packages/devstack -e "$dir[dev]"
  echo "$hash" >"$stamp"
}

install_backend() { make_venv "$BACKEND" backend true; }

install_worker() {
  # The CPU build of torch first (a local wheel here), or pyannote pulls a multi-GB CUDA build.
  make_venv "$WORKERS" worker "$WORKERS/.venv/bin/pip" install -q "torch==$TORCH_VERSION"
  bash "$WORKERS/scripts/fix_torchaudio.sh" "$WORKERS/.venv/bin/python" >/dev/null
}

install_platform_tools() { make_venv "$ROOT" platform true; }

install_models() { PYTHON="$WORKERS/.venv/bin/python" bash "$WORKERS/scripts/install_models.sh" "$MODELS_DIR"; }

install_frontend() {
  local stamp="$FRONTEND/node_modules/.scribe-installed" hash
  hash="$(inputs_hash "$FRONTEND/package-lock.json")"
  if ! stamp_fresh "$stamp" "$hash"; then
    log "installing npm packages"
    (cd "$FRONTEND" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$hash" >"$stamp"
  fi
}

build_frontend() {
  log "building the frontend"
  (cd "$FRONTEND" && npm run --silent build)
}

setup() {
  install_apt_packages
  install_platform_tools
  install_backend
  install_worker
  install_models
  install_frontend
  log "set-up complete"
}

devstack() { "$ROOT/.venv/bin/python" -m scribe_devstack "$@" --repo "$ROOT" --data-dir "$LOCAL_DATA"; }

# --- local platform -------------------------------------------------------------------------------

dev() {
  setup
  [ -f "$FRONTEND/.next/standalone/server.js" ] || build_frontend
  if devstack status >/dev/null 2>&1; then
    log "the local platform is already running"
  else
    log "starting the local platform (data under ${LOCAL_DATA#"$ROOT"/})"
    devstack start >/dev/null
  fi
  # shellcheck disable=SC1090
  source <(devstack env)
  cat <<EOF

  Web app      http://127.0.0.1:${PORT}
  API          ${API_BASE_URL}   (OpenAPI docs: ${API_BASE_URL}/docs)
  PostgreSQL   ${DATABASE_URL}
  Redis        ${REDIS_URL}
  S3           ${S3_ENDPOINT_URL}
  Logs         ${LOCAL_DATA#"$ROOT"/}/logs/

  ./manage.sh status   shows what runs;   ./manage.sh stop   stops it all.
EOF
}

stop() { [ -x "$ROOT/.venv/bin/python" ] && devstack stop; log "local platform stopped"; }

status() { [ -x "$ROOT/.venv/bin/python" ] || die "not set up yet: ./manage.sh setup"; devstack status; }

demo() {
  dev
  # shellcheck disable=SC1090
  source <(devstack env)
  "$ROOT/.venv/bin/python" "$ROOT/scripts/demo.py" --api "$API_BASE_URL"
}

# --- tests ----------------------------------------------------------------------------------------

lint() {
  local failed=0
  for dir in "$BACKEND" "$WORKERS" "$ROOT"; do
    log "ruff + mypy: ${dir#"$ROOT"/}"
    (cd "$dir" && .venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/mypy) || failed=1
  done
  # The benchmarks run in the worker's environment and follow its rules.
  log "ruff + mypy: bench"
  (cd "$WORKERS" && .venv/bin/ruff check ../bench && .venv/bin/ruff format --check ../bench && MYPYPATH=. .venv/bin/mypy --follow-imports=silent ../bench) \
    || failed=1
  return "$failed"
}

test_all() {
  setup
  local results=() failed=0
  run_suite() {
    local name="$1"; shift
    log "test suite: $name"
    if "$@"; then results+=("passed  $name"); else results+=("FAILED  $name"); failed=1; fi
  }
  run_suite lint lint
  run_suite backend bash -c "cd '$BACKEND' && .venv/bin/pytest -q"
  run_suite worker bash -c "cd '$WORKERS' && .venv/bin/pytest -q"
  run_suite bench bash -c "cd '$ROOT' && '$WORKERS/.venv/bin/pytest' -q -p no:cacheprovider bench/tests"
  run_suite platform bash -c "cd '$ROOT' && .venv/bin/pytest -q tests"
  run_suite frontend bash -c "cd '$FRONTEND' && npm run --silent test:all"
  printf '\n'; printf '  %s\n' "${results[@]}"
  [ "$failed" -eq 0 ] || die "some test suites failed"
}

bench() {
  setup
  MODELS_DIR="$MODELS_DIR" "$WORKERS/.venv/bin/python" "$ROOT/bench/run.py" "$@"
}

# --- production (docker compose) ------------------------------------------------------------------

compose() {
  [ -f "$ROOT/.env" ] || die "no .env: copy .env.example to .env and set every secret"
  local files=(-f "$ROOT/01-core/docker-compose.yml")
  [ "${COMPOSE_DEV:-0}" = 1 ] && files+=(-f "$ROOT/docker-compose.override.yml")
  docker compose --env-file "$ROOT/.env" "${files[@]}" "$@"
}

# Bind-mounted data folders must exist; the worker (uid 10001) writes only its model cache.
prepare_volumes() {
  mkdir -p volumes/{postgres,redis,minio,qdrant,tei} volumes/models/huggingface
  as_root chown -R 10001:10001 volumes/models/huggingface
}

main() {
  local command="${1:-help}"; shift || true
  case "$command" in
    setup) setup ;;
    models) install_worker; install_models ;;
    dev) dev ;;
    stop) stop ;;
    status) status ;;
    demo) demo ;;
    test) test_all ;;
    lint) lint || die "lint failed" ;;
    bench) bench "$@" ;;
    up) prepare_volumes; compose up -d --build --wait ;;
    down) compose down ;;
    logs) compose logs -f --tail=200 "$@" ;;
    ps) compose ps ;;
    migrate) compose run --rm migrate ;;
    shell) compose exec "${1:-api}" sh ;;
    help|-h|--help) usage ;;
    *) usage; die "unknown command: $command" ;;
  esac
}

main "$@"
