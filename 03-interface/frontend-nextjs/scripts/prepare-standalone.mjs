// `next build` leaves static assets outside the standalone server; copy them in so
// `node .next/standalone/server.js` (and the Docker image) serves a complete site.
import { cpSync, existsSync, rmSync } from "node:fs";
import { join } from "node:path";

const standalone = join(".next", "standalone");
if (!existsSync(join(standalone, "server.js"))) {
  console.error("no .next/standalone/server.js: is `output: \"standalone\"` set in next.config.ts?");
  process.exit(1);
}
const copies = [
  [join(".next", "static"), join(standalone, ".next", "static")],
  ["public", join(standalone, "public")],
];
for (const [from, to] of copies) {
  if (!existsSync(from)) continue;
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
}
console.log("standalone server ready: node .next/standalone/server.js");
