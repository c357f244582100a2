import { describe, expect, it } from "vitest";

import { isSecureContext, sessionCookieOptions } from "@/lib/cookies";
import { isTokenUsable, tokenExpiry } from "@/lib/jwt";
import { safeNextPath } from "@/lib/navigation";

function jwt(claims: object): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${encode({ alg: "HS256", typ: "JWT" })}.${encode(claims)}.signature`;
}

describe("tokenExpiry", () => {
  it("reads the exp claim of a JWT", () => {
    expect(tokenExpiry(jwt({ sub: "u", exp: 1_900_000_000 }))).toBe(1_900_000_000);
  });

  it("returns null for tokens without exp or that are not JWTs", () => {
    expect(tokenExpiry(jwt({ sub: "u" }))).toBeNull();
    expect(tokenExpiry("garbage")).toBeNull();
    expect(tokenExpiry("a.%%%.c")).toBeNull();
  });
});

describe("isTokenUsable", () => {
  it("refuses missing, malformed and expired tokens", () => {
    expect(isTokenUsable(undefined)).toBe(false);
    expect(isTokenUsable("not-a-jwt")).toBe(false);
    expect(isTokenUsable(jwt({ exp: 100 }), 200)).toBe(false);
  });

  it("accepts a token that expires later", () => {
    expect(isTokenUsable(jwt({ exp: 300 }), 200)).toBe(true);
  });
});

describe("session cookie", () => {
  it("is secure except over plain HTTP on a loopback host", () => {
    expect(isSecureContext("localhost:3000", null)).toBe(false);
    expect(isSecureContext("127.0.0.1:3000", "http")).toBe(false);
    expect(isSecureContext("scribe.example.com", null)).toBe(true);
    expect(isSecureContext("localhost:3000", "https")).toBe(true);
  });

  it("is httpOnly and sameSite and lives as long as the token", () => {
    expect(sessionCookieOptions(true, 1_000 + 3_600, 1_000)).toEqual({
      httpOnly: true,
      sameSite: "lax",
      secure: true,
      path: "/",
      maxAge: 3_600,
    });
  });
});

describe("safeNextPath", () => {
  it("keeps paths of this site and refuses other origins", () => {
    expect(safeNextPath("/meetings/1?x=1")).toBe("/meetings/1?x=1");
    expect(safeNextPath("//evil.example")).toBe("/");
    expect(safeNextPath("https://evil.example")).toBe("/");
    expect(safeNextPath(null)).toBe("/");
  });
});
