/** The session: a JWT in an httpOnly cookie, written only by server actions and route handlers. */
import "server-only";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";

import { sessionCookieSecureOverride } from "@/lib/config";
import {
  SESSION_COOKIE,
  WORKSPACE_COOKIE,
  isSecureContext,
  sessionCookieOptions,
  workspaceCookieOptions,
} from "@/lib/cookies";
import { tokenExpiry } from "@/lib/jwt";

export async function sessionToken(): Promise<string | undefined> {
  return (await cookies()).get(SESSION_COOKIE)?.value;
}

async function secureCookies(): Promise<boolean> {
  const requestHeaders = await headers();
  return (
    sessionCookieSecureOverride() ?? isSecureContext(requestHeaders.get("host"), requestHeaders.get("x-forwarded-proto"))
  );
}

export async function startSession(token: string): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, token, sessionCookieOptions(await secureCookies(), tokenExpiry(token)));
}

/** Forgets the session and the chosen workspace (the next person on this browser starts afresh). */
export async function endSession(): Promise<void> {
  const jar = await cookies();
  jar.delete(SESSION_COOKIE);
  jar.delete(WORKSPACE_COOKIE);
}

/** The workspace id the switcher remembered, if any (it may no longer be the person's). */
export async function chosenWorkspaceId(): Promise<string | undefined> {
  return (await cookies()).get(WORKSPACE_COOKIE)?.value;
}

export async function chooseWorkspace(workspaceId: string): Promise<void> {
  (await cookies()).set(WORKSPACE_COOKIE, workspaceId, workspaceCookieOptions(await secureCookies()));
}

/** Where a page sends someone whose token the API refused: the cookie is cleared there. */
export const SESSION_EXPIRED_PATH = "/session-expired";

export function redirectToLogin(): never {
  redirect(SESSION_EXPIRED_PATH);
}
