import { describe, expect, it } from "vitest";

import { isSameOriginRequest, ownHost } from "@/lib/origin";

const request = (headers: Record<string, string>) => new Headers(headers);

describe("isSameOriginRequest", () => {
  it("accepts the site's own pages", () => {
    expect(isSameOriginRequest(request({ host: "scribe.example.com", origin: "https://scribe.example.com" }))).toBe(true);
    expect(isSameOriginRequest(request({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" }))).toBe(true);
    expect(isSameOriginRequest(request({ host: "Scribe.Example.com", origin: "https://scribe.example.com" }))).toBe(true);
  });

  it("refuses other sites, other ports and opaque origins", () => {
    expect(isSameOriginRequest(request({ host: "scribe.example.com", origin: "https://evil.example" }))).toBe(false);
    expect(isSameOriginRequest(request({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:4000" }))).toBe(false);
    expect(isSameOriginRequest(request({ host: "scribe.example.com", origin: "null" }))).toBe(false);
    expect(isSameOriginRequest(request({ origin: "https://scribe.example.com" }))).toBe(false);
  });

  it("behind a proxy, compares with the host and scheme the proxy received", () => {
    const proxied = { host: "web:3000", "x-forwarded-host": "scribe.example.com", "x-forwarded-proto": "https" };
    expect(isSameOriginRequest(request({ ...proxied, origin: "https://scribe.example.com" }))).toBe(true);
    expect(isSameOriginRequest(request({ ...proxied, origin: "http://scribe.example.com" }))).toBe(false);
    expect(isSameOriginRequest(request({ ...proxied, origin: "http://web:3000" }))).toBe(false);
    expect(ownHost(request({ host: "web:3000", "x-forwarded-host": "a.example, b.example" }))).toBe("a.example");
  });

  it("without Origin, refuses what the browser says came from another site", () => {
    expect(isSameOriginRequest(request({ host: "a.example", "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(isSameOriginRequest(request({ host: "a.example", "sec-fetch-site": "same-site" }))).toBe(false);
    expect(isSameOriginRequest(request({ host: "a.example", "sec-fetch-site": "same-origin" }))).toBe(true);
    // Not a browser (curl, a script): no cookie it did not already have.
    expect(isSameOriginRequest(request({ host: "a.example" }))).toBe(true);
  });
});
