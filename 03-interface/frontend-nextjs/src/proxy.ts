/**
 * An optimistic check before pages render: without a usable session cookie a page request goes
 * to the login page (and an expired cookie is removed). The API still verifies every token.
 * API routes are not matched: proxy would buffer their request bodies (uploads stream through).
 */
import { type NextRequest, NextResponse } from "next/server";

import { SESSION_COOKIE } from "@/lib/cookies";
import { isTokenUsable } from "@/lib/jwt";

const PUBLIC_PATHS = new Set(["/login", "/register"]);

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const token = request.cookies.get(SESSION_COOKIE)?.value;
  const usable = isTokenUsable(token);

  if (PUBLIC_PATHS.has(pathname)) {
    return usable ? NextResponse.redirect(new URL("/", request.url)) : NextResponse.next();
  }
  if (usable) return NextResponse.next();

  const login = new URL("/login", request.url);
  if (pathname !== "/") login.searchParams.set("next", `${pathname}${search}`);
  if (token) login.searchParams.set("expired", "1");
  const response = NextResponse.redirect(login);
  if (token) response.cookies.delete(SESSION_COOKIE);
  return response;
}

export const config = {
  matcher: ["/((?!api/|session-expired|_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
