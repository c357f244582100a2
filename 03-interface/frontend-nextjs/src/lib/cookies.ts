/** The session cookie's name and attributes; pure so the rules are unit-tested. */

export const SESSION_COOKIE = "scribe_session";
/** The workspace chosen in the header's switcher (an id; the API checks membership on every call). */
export const WORKSPACE_COOKIE = "scribe_workspace";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** `secure` everywhere except plain-HTTP local development on a loopback host. */
export function isSecureContext(host: string | null, forwardedProto: string | null): boolean {
  if (forwardedProto?.split(",")[0]?.trim() === "https") return true;
  const hostname = (host ?? "").replace(/:\d+$/, "").toLowerCase();
  return !LOCAL_HOSTS.has(hostname);
}

export interface SessionCookieOptions {
  httpOnly: true;
  sameSite: "lax";
  secure: boolean;
  path: "/";
  maxAge: number;
}

/** Cookie attributes for a token that expires at `expiresAt` (epoch seconds) or in 8 hours. */
export function sessionCookieOptions(
  secure: boolean,
  expiresAt: number | null,
  nowSeconds = Date.now() / 1000,
): SessionCookieOptions {
  const maxAge = expiresAt === null ? 8 * 3600 : Math.max(0, Math.floor(expiresAt - nowSeconds));
  return { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge };
}

export interface WorkspaceCookieOptions {
  httpOnly: true;
  sameSite: "lax";
  secure: boolean;
  path: "/";
  maxAge: number;
}

/** The chosen workspace is remembered for a year (it is only a preference, not a credential). */
export function workspaceCookieOptions(secure: boolean): WorkspaceCookieOptions {
  return { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: 365 * 24 * 3600 };
}
