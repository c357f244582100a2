import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const FRONTEND_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const REPO_ROOT = resolve(FRONTEND_DIR, "..", "..");
/** Real recordings live beside the repository (`<repo>/../shared/audio`), in CI too. */
export const AUDIO_DIR = process.env.SCRIBE_AUDIO_DIR ?? resolve(REPO_ROOT, "..", "shared", "audio");
export const SCREENSHOT_DIR = join(FRONTEND_DIR, "test-results", "screenshots");

export function recording(name: string): string {
  const path = join(AUDIO_DIR, name);
  if (!existsSync(path)) {
    throw new Error(`the test recording ${path} is missing: the shared audio folder must sit beside the repository`);
  }
  return path;
}
