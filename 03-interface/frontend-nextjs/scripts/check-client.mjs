// Fails when the committed generated files (API types, limits and languages) differ from what the
// backend's openapi.json generates, i.e. when someone changed the API without running
// `npm run generate-client`.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { CLIENT_DIR, GENERATED, SPEC, generateClient } from "./api-client.mjs";

const dir = mkdtempSync(join(tmpdir(), "scribe-client-"));
try {
  generateClient(dir);
  const stale = GENERATED.map((name) => join(CLIENT_DIR, name)).filter(
    (committed, index) =>
      !existsSync(committed) || readFileSync(committed, "utf8") !== readFileSync(join(dir, GENERATED[index]), "utf8"),
  );
  if (stale.length > 0) {
    console.error(`${stale.join(", ")} ${stale.length === 1 ? "is" : "are"} stale against ${SPEC}: run \`npm run generate-client\` and commit the result`);
    process.exitCode = 1;
  } else {
    console.log("the API client (types, limits, languages) matches openapi.json");
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
