/**
 * Cross-site request refusal for the route handlers that change something (uploads). Server
 * actions get the same check from Next.js; route handlers do not, and the session cookie
 * (`sameSite=lax`) alone would not stop a same-site page on another port or subdomain.
 * Pure so the rules are unit-tested.
 */

interface HeaderSource {
  get(name: string): string | null;
}

/** This site's host as the request reached it: the proxy's `X-Forwarded-Host`, else `Host`. */
export function ownHost(headers: HeaderSource): string | null {
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  const host = forwarded || headers.get("host")?.trim();
  return host ? host.toLowerCase() : null;
}

/**
 * Whether a state-changing request comes from this site's own pages. A browser sends `Origin` with
 * every POST: it must name this host (and, behind a proxy that says so, its scheme). Without
 * `Origin`, `Sec-Fetch-Site` (sent by current browsers) must not say another site; a request with
 * neither is not from a browser, and carries no cookie its sender did not already hold.
 */
export function isSameOriginRequest(headers: HeaderSource): boolean {
  const origin = headers.get("origin");
  if (origin === null) {
    const site = headers.get("sec-fetch-site");
    return site === null || site === "same-origin" || site === "none";
  }
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, file: pages) or garbage
  }
  const host = ownHost(headers);
  if (!host || parsed.host.toLowerCase() !== host) return false;
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return !proto || parsed.protocol === `${proto}:`;
}
