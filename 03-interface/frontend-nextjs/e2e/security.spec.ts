import { expect, test } from "@playwright/test";

import { consoleErrorsOf, newAccount, register } from "./helpers";

/** The headers next.config.ts adds, and the route handlers' refusal of other sites' requests. */
test.use({ baseURL: process.env.E2E_BASE_URL });

const EXPECTED = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-frame-options": "DENY",
};

test("every response carries the security headers, and the pages still run under the CSP", async ({ page }) => {
  const errors = consoleErrorsOf(page);
  const login = await page.goto("/login");
  expect(login?.status()).toBe(200);
  const scripts = await page.locator("script[src]").evaluateAll((nodes) => nodes.map((node) => node.getAttribute("src")));
  expect(scripts.length, "the page loads Next.js's scripts").toBeGreaterThan(0);

  const redirect = await page.request.get("/", { maxRedirects: 0 });
  const script = await page.request.get(scripts[0]!);
  const route = await page.request.get("/api/meetings/00000000-0000-0000-0000-000000000000/export?format=nope");
  expect(redirect.status(), "the proxy's redirect to log in").toBe(307);
  expect(script.status()).toBe(200);
  expect(route.status(), "a route handler's own error").toBe(422);
  const responses: Record<string, Record<string, string>> = {
    page: await login!.allHeaders(),
    redirect: redirect.headers(),
    script: script.headers(),
    route: route.headers(),
  };
  for (const [what, headers] of Object.entries(responses)) {
    for (const [name, value] of Object.entries(EXPECTED)) expect(headers[name], `${what}: ${name}`).toBe(value);
    const csp = headers["content-security-policy"] ?? "";
    expect(csp, `${what}: CSP`).toContain("frame-ancestors 'none'");
    expect(csp, `${what}: CSP`).toContain("object-src 'none'");
    expect(csp, `${what}: CSP`).toContain("script-src 'self'");
  }

  // Hydrated under the policy: the browser-side form check answers without a round trip.
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  expect(errors, "no CSP violation or other console error").toEqual([]);
});

test("a cross-origin POST to the upload routes is refused, even with a valid session", async ({ page, baseURL }) => {
  await register(page, newAccount("Mallory Example"));
  const file = { name: "a.wav", mimeType: "audio/wav", buffer: Buffer.from("RIFF....WAVE") };

  for (const route of ["/api/upload", "/api/identities"]) {
    const forged = await page.request.post(route, {
      headers: { Origin: "https://evil.example" },
      multipart: { name: "x", title: "x", file, sample: file },
    });
    expect(forged.status(), `${route} from another origin`).toBe(403);
    expect((await forged.json()).error.message).toContain("did not come from this site");

    const crossSite = await page.request.post(route, {
      headers: { "Sec-Fetch-Site": "cross-site" },
      multipart: { name: "x", file },
    });
    expect(crossSite.status(), `${route} marked cross-site`).toBe(403);

    // The same request from this site's origin gets past the check (and is then judged on its body).
    const own = await page.request.post(route, { headers: { Origin: new URL(baseURL!).origin }, data: "not a form" });
    expect(own.status(), `${route} from this origin`).toBe(415);
  }
});
