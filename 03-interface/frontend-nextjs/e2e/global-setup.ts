/**
 * Starts the whole platform (PostgreSQL, Redis, S3, migrations, API, worker and the built
 * standalone frontend) with the repository's devstack on free ports in a temporary directory,
 * and stops it after the run. Set E2E_BASE_URL to test an already running platform instead.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

import { FRONTEND_DIR, REPO_ROOT } from "./paths";

const START_TIMEOUT_MS = 5 * 60_000;
/** The worker imports torch and its models before it listens: up to a few minutes on 2 cores. */
const WORKER_READY_TIMEOUT_MS = Number(process.env.E2E_WORKER_READY_TIMEOUT_MS) || 5 * 60_000;
const TASK_QUEUE = "scribe:tasks"; // scribe_contracts.TASK_QUEUE_NAME

/**
 * The worker is ready once its consumer group exists on the task stream. A task sent before that
 * would not be delivered to it (the group starts at the stream's end), so tests wait for it.
 */
async function waitForWorker(dataDir: string): Promise<void> {
  const state = JSON.parse(readFileSync(join(dataDir, "run", "platform.json"), "utf8")) as {
    ports: { redis: number };
  };
  const deadline = Date.now() + WORKER_READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const groups = spawnSync("redis-cli", ["-p", String(state.ports.redis), "XINFO", "GROUPS", TASK_QUEUE], {
      encoding: "utf8",
    });
    if (groups.status === 0 && groups.stdout.includes("name")) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(
    `the worker did not start listening within ${WORKER_READY_TIMEOUT_MS / 1000} s; see ${join(dataDir, "logs", "worker.log")}`,
  );
}

function devstackPython(): string {
  const candidates = [
    process.env.SCRIBE_PYTHON,
    join(REPO_ROOT, ".venv", "bin", "python"),
    join(REPO_ROOT, "03-interface", "backend", ".venv", "bin", "python"),
  ].filter((candidate): candidate is string => Boolean(candidate));
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new Error(`no Python with scribe_devstack found (tried ${candidates.join(", ")}): run ./manage.sh setup`);
  }
  return found;
}

function devstack(python: string, dataDir: string, command: string[], timeout: number) {
  return spawnSync(python, ["-m", "scribe_devstack", ...command, "--repo", REPO_ROOT, "--data-dir", dataDir], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    timeout,
  });
}

export default async function globalSetup(): Promise<(() => Promise<void>) | void> {
  if (process.env.E2E_BASE_URL) return;
  if (!existsSync(join(FRONTEND_DIR, ".next", "standalone", "server.js"))) {
    throw new Error("the frontend is not built: run `npm run build` before `npm run test:e2e`");
  }
  const python = devstackPython();
  const dataDir = mkdtempSync(join(tmpdir(), "scribe-e2e-"));
  const stop = async () => {
    const stopped = devstack(python, dataDir, ["stop"], 60_000);
    if (stopped.status !== 0) console.error(`stopping the platform failed: ${stopped.stderr}`);
    if (!process.env.E2E_KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });
  };

  const started = devstack(python, dataDir, ["start", "--free-ports"], START_TIMEOUT_MS);
  if (started.status !== 0) {
    const logs = resolve(dataDir, "logs");
    await stop();
    throw new Error(
      `the platform did not start (exit ${started.status ?? "timeout"}); logs were in ${logs}\n${started.stderr.slice(-4000)}`,
    );
  }
  try {
    await waitForWorker(dataDir);
  } catch (error) {
    process.env.E2E_KEEP_DATA = "1"; // keep the logs the message points to
    await stop();
    throw error;
  }
  const lastLine = started.stdout.trim().split("\n").at(-1) ?? "{}";
  const urls = JSON.parse(lastLine) as { web: string; api: string };
  process.env.E2E_BASE_URL = urls.web;
  process.env.E2E_API_URL = urls.api;
  process.env.E2E_LOG_DIR = join(dataDir, "logs");
  return stop;
}
