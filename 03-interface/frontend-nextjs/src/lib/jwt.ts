/**
 * Reading a JWT's expiry without verifying it. Only the API verifies tokens; the web server uses
 * the expiry to size the cookie and to send people with an expired session to the login page.
 */

function decodeBase64Url(part: string): string {
  const base64 = part.replace(/-/g, "+").replace(/_/g, "/");
  const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4);
  return atob(padded);
}

/** Expiry in seconds since the epoch, or null when the token has none or is not a JWT. */
export function tokenExpiry(token: string): number | null {
  const payload = token.split(".")[1];
  if (!payload) return null;
  try {
    const claims: unknown = JSON.parse(decodeBase64Url(payload));
    if (typeof claims === "object" && claims !== null && "exp" in claims && typeof claims.exp === "number") {
      return claims.exp;
    }
  } catch {
    return null;
  }
  return null;
}

/** A token is usable when it is a JWT whose expiry (if any) lies after `nowSeconds`. */
export function isTokenUsable(token: string | undefined, nowSeconds = Date.now() / 1000): boolean {
  if (!token || token.split(".").length !== 3) return false;
  const expiry = tokenExpiry(token);
  return expiry === null || expiry > nowSeconds;
}
