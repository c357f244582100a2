// `npm run generate-client`: src/lib/api/schema.d.ts and src/lib/api/limits.ts from ../backend/openapi.json.
import { join } from "node:path";

import { CLIENT_DIR, GENERATED, SPEC, generateClient } from "./api-client.mjs";

try {
  generateClient(CLIENT_DIR);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
console.log(`${GENERATED.map((name) => join(CLIENT_DIR, name)).join(", ")} generated from ${SPEC}`);
