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

APT_PACKAGES=(postgresql redis-server ffmpeg espeak-ng sox chromium fonts-dejavu-core fonts-wqy-microhei)

export HF_HUB_OFFLINE="${HF_HUB_OFFLINE:-1}"
export PYANNOTE_METRICS_ENABLED=false
export PIP_DISABLE_PIP_VERSION_CHECK=1

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

usage() {
  cat <<'EOF'
Usage: ./manage.sh COMMAND

Set-up and local use (no Docker needed):
  setup [STEP...]
             install what is missing: Debian packages, Python venvs, npm packages, offline models
             (idempotent, a second run takes seconds; safe to stop and run again; steps: apt
             platform backend worker models frontend)
  models     install the offline model weights into volumes/models (part of setup)
  lock [ENV...]
             resolve Python environments afresh (platform backend worker) and write their
             requirements.lock, what setup installs
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
inputs_hash() { { cat "$@" 2>/dev/null; } | sha256sum | cut -d' ' -f1; }
stamp_fresh() { [ -f "$1" ] && [ "$(cat "$1")" = "$2" ]; }
write_stamp() { echo "$2" >"$1.tmp" && mv "$1.tmp" "$1"; }

install_apt_packages() {
  local missing=()
  for package in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ "${#missing[@]}" -eq 0 ] && return
  log "installing Debian packages: ${missing[*]}"
  # An apt run killed part-way leaves dpkg "interrupted": finish its work before installing more.
  as_root env DEBIAN_FRONTEND=noninteractive dpkg --configure -a
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Each Python environment installs the versions of its lock file (DIR/requirements.lock, made by
# `./manage.sh lock`), so every machine gets the versions CI tested.
lock_file() { echo "$1/requirements.lock"; }

# fill_venv VENV DIR LOCK [FIRST...]: pip, then FIRST (torch's CPU build must come before pyannote
# asks for torch), then the shared packages and the service DIR with its dev extras. With a LOCK,
# every version comes from it; without one (`lock`), pip resolves the newest allowed.
fill_venv() {
  local venv="$1" dir="$2" lock="$3"; shift 3
  local pip=("$venv/bin/python" -m pip install -q) pins=()
  if [ -n "$lock" ]; then
    pins=(-c "$lock")
    "${pip[@]}" "$(grep -E '^pip==' "$lock")"
  else
    "${pip[@]}" --upgrade pip
  fi
  [ "$#" -eq 0 ] || "${pip[@]}" "${pins[@]}" "$@"
  "${pip[@]}" "${pins[@]}" -e packages/contracts -e packages/runtime -e packages/devstack -e "$dir[dev]"
}

# make_venv DIR NAME [FIRST...]: DIR/.venv, installed unless its stamp says these inputs are in.
# Only a finished install writes the stamp. A venv without one (never finished: `python -m venv`
# killed part-way leaves a python and no pip) is rebuilt from scratch, and so is one whose update
# was interrupted (the marker below stays): a half-extracted wheel is not left to break later runs.
make_venv() {
  local dir="$1" name="$2"; shift 2
  local venv="$dir/.venv" lock; lock="$(lock_file "$dir")"
  local stamp="$venv/.scribe-installed" marker="$venv/.scribe-incomplete" hash
  [ -f "$lock" ] || die "$lock is missing: run ./manage.sh lock"
  hash="$( (inputs_hash "$dir/pyproject.toml" "$lock" packages/{contracts,runtime,devstack}/pyproject.toml; echo "$*") \
    | sha256sum | cut -d' ' -f1)"
  if stamp_fresh "$stamp" "$hash" && [ ! -e "$marker" ]; then return; fi
  if [ -d "$venv" ] && { [ ! -f "$stamp" ] || [ -e "$marker" ] || ! "$venv/bin/python" -m pip --version >/dev/null 2>&1; }; then
    log "the $name Python environment is incomplete (an earlier set-up stopped part-way): rebuilding it"
    rm -rf "$venv"
  fi
  log "installing the $name Python environment"
  mkdir -p "$venv" && touch "$marker"
  [ -x "$venv/bin/python" ] || "$PYTHON" -m venv "$venv"
  fill_venv "$venv" "$dir" "$lock" "$@"
  write_stamp "$stamp" "$hash"
  rm -f "$marker"
}

install_backend() { make_venv "$BACKEND" backend; }

# The CPU build of torch first (a local wheel here), or pyannote pulls a multi-GB CUDA build.
WORKER_FIRST=("torch==$TORCH_VERSION")

install_worker() {
  make_venv "$WORKERS" worker "${WORKER_FIRST[@]}"
  bash "$WORKERS/scripts/fix_torchaudio.sh" "$WORKERS/.venv/bin/python" >/dev/null
}

install_platform_tools() { make_venv "$ROOT" platform; }

# lock_env DIR NAME [FIRST...]: resolves the environment afresh in a throwaway venv and writes
# every installed version (but the project's own editable packages) to DIR/requirements.lock.
lock_env() {
  local dir="$1" name="$2"; shift 2
  local tmp; tmp="$(mktemp -d)"
  log "resolving the $name environment"
  "$PYTHON" -m venv "$tmp/venv"
  fill_venv "$tmp/venv" "$dir" "" "$@"
  {
    echo "# Every version of the $name environment, as tested. Made by ./manage.sh lock ($(uname -m),"
    echo "# $("$tmp/venv/bin/python" --version)); setup installs with it as pip constraints."
    "$tmp/venv/bin/python" -m pip freeze --all --exclude-editable | LC_ALL=C sort -f
  } >"$(lock_file "$dir").tmp"
  mv "$(lock_file "$dir").tmp" "$(lock_file "$dir")"
  rm -rf "$tmp"
}

# lock [ENV...]: every environment (platform backend worker), or those named.
lock() {
  local envs=("$@")
  [ "${#envs[@]}" -gt 0 ] || envs=(platform backend worker)
  for env in "${envs[@]}"; do
    case "$env" in
      platform) lock_env "$ROOT" platform ;;
      backend) lock_env "$BACKEND" backend ;;
      worker) lock_env "$WORKERS" worker "${WORKER_FIRST[@]}" ;;
      *) die "unknown environment: $env (environments: platform backend worker)" ;;
    esac
  done
  log "lock files written; run ./manage.sh setup to install them"
}

install_models() { PYTHON="$WORKERS/.venv/bin/python" bash "$WORKERS/scripts/install_models.sh" "$MODELS_DIR"; }

install_frontend() {
  local stamp="$FRONTEND/node_modules/.scribe-installed" hash
  hash="$(inputs_hash "$FRONTEND/package-lock.json")"
  if ! stamp_fresh "$stamp" "$hash"; then
    log "installing npm packages"
    (cd "$FRONTEND" && npm ci --no-audit --no-fund --loglevel=error)
    write_stamp "$stamp" "$hash"
  fi
}

build_frontend() {
  log "building the frontend"
  (cd "$FRONTEND" && npm run --silent build)
}

SETUP_STEPS=(apt platform backend worker models frontend)

# setup [STEP...]: every step, or only those named. Each step can be killed part-way and run again.
setup() {
  local steps=("$@")
  [ "${#steps[@]}" -gt 0 ] || steps=("${SETUP_STEPS[@]}")
  for step in "${steps[@]}"; do
    case "$step" in
      apt) install_apt_packages ;;
      platform) install_platform_tools ;;
      backend) install_backend ;;
      worker) install_worker ;;
      models) install_models ;;
      frontend) install_frontend ;;
      *) die "unknown set-up step: $step (steps: ${SETUP_STEPS[*]})" ;;
    esac
  done
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
  # The suites set every value themselves: a .env left at the repository root is not theirs.
  export SCRIBE_ENV_FILE=""
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
    setup) setup "$@" ;;
    models) install_worker; install_models ;;
    lock) lock "$@" ;;
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
