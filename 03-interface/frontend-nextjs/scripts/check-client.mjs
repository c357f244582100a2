// Fails when the committed API types differ from what the backend's openapi.json generates,
// i.e. when someone changed the API without running `npm run generate-client`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SPEC = join("..", "backend", "openapi.json");
const COMMITTED = join("src", "lib", "api", "schema.d.ts");

if (!existsSync(SPEC)) {
  console.error(`missing ${SPEC}: export it with the backend's scripts/export_openapi.py`);
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), "scribe-client-"));
try {
  const fresh = join(dir, "schema.d.ts");
  const run = spawnSync(join("node_modules", ".bin", "openapi-typescript"), [SPEC, "-o", fresh], { encoding: "utf8" });
  if (run.status !== 0) {
    console.error(run.stderr || run.stdout);
    process.exit(1);
  }
  if (!existsSync(COMMITTED) || readFileSync(fresh, "utf8") !== readFileSync(COMMITTED, "utf8")) {
    console.error(`${COMMITTED} is stale against ${SPEC}: run \`npm run generate-client\` and commit the result`);
    process.exit(1);
  }
  console.log("the API client matches openapi.json");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
