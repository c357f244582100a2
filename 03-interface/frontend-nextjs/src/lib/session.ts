/** The session: a JWT in an httpOnly cookie, written only by server actions and route handlers. */
import "server-only";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";

import { sessionCookieSecureOverride } from "@/lib/config";
import { SESSION_COOKIE, isSecureContext, sessionCookieOptions } from "@/lib/cookies";
import { tokenExpiry } from "@/lib/jwt";

export async function sessionToken(): Promise<string | undefined> {
  return (await cookies()).get(SESSION_COOKIE)?.value;
}

export async function startSession(token: string): Promise<void> {
  const requestHeaders = await headers();
  const secure =
    sessionCookieSecureOverride() ??
    isSecureContext(requestHeaders.get("host"), requestHeaders.get("x-forwarded-proto"));
  (await cookies()).set(SESSION_COOKIE, token, sessionCookieOptions(secure, tokenExpiry(token)));
}

export async function endSession(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
}

/** Where a page sends someone whose token the API refused: the cookie is cleared there. */
export const SESSION_EXPIRED_PATH = "/session-expired";

export function redirectToLogin(): never {
  redirect(SESSION_EXPIRED_PATH);
}
