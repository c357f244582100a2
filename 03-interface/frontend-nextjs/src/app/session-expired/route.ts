import { NextResponse } from "next/server";

import { SESSION_COOKIE } from "@/lib/cookies";

/** The API refused the token (expired or revoked): forget it and ask the person to log in again. */
export function GET(request: Request) {
  const response = NextResponse.redirect(new URL("/login?expired=1", request.url));
  response.cookies.delete(SESSION_COOKIE);
  return response;
}
