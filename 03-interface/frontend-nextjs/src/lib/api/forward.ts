/**
 * Route handlers that pass a browser request through to the API with the session's token.
 * Bodies and responses are streamed, never held whole in memory, so large uploads and audio
 * (with HTTP range requests) pass through at any size.
 */
import "server-only";

import { cookies } from "next/headers";

import { apiBaseUrl } from "@/lib/config";
import { SESSION_COOKIE } from "@/lib/cookies";
import { describeApiError } from "@/lib/errors";
import { isSameOriginRequest } from "@/lib/origin";
import { chosenWorkspaceId } from "@/lib/session";
import { isUuid } from "@/lib/workspaces";

import { sendStreamed } from "./stream-upload";

/** Request headers worth passing on; everything else (cookies above all) stays here. */
const FORWARDED_REQUEST_HEADERS = ["content-type", "content-length", "range", "if-range", "accept"];
/** Response headers a browser needs for downloads, media seeking and caching. */
const FORWARDED_RESPONSE_HEADERS = [
  "content-type",
  "content-length",
  "content-range",
  "content-disposition",
  "accept-ranges",
  "etag",
  "last-modified",
  "cache-control",
];

/** An error in the API's own body shape, so the browser reads every error the same way. */
export function errorResponse(status: number, message?: string): Response {
  const body = { error: { code: "web_" + status, message: message ?? describeApiError(status, null), details: null } };
  return Response.json(body, { status });
}

function pick(source: Headers, names: readonly string[]): Headers {
  const picked = new Headers();
  for (const name of names) {
    const value = source.get(name);
    if (value !== null) picked.set(name, value);
  }
  return picked;
}

/**
 * A 403 for a request that another site's page sent (checked before anything else), or null.
 * Every route handler that changes something starts with it.
 */
export function refuseCrossSite(request: Request): Response | null {
  if (isSameOriginRequest(request.headers)) return null;
  return errorResponse(403, "This request did not come from this site's pages, so it was refused.");
}

/** Sends `request` (method, chosen headers, streamed body) to `apiPath` on the API. */
export async function forwardToApi(request: Request, apiPath: string): Promise<Response> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return errorResponse(401);
  const headers = pick(request.headers, FORWARDED_REQUEST_HEADERS);
  headers.set("authorization", `Bearer ${token}`);
  return forward(request, `${apiBaseUrl()}${apiPath}`, headers);
}

/**
 * Like `forwardToApi` for a collection endpoint: the workspace is the one the page named
 * (`X-Workspace-Id`, the workspace its form was shown for), else the switcher's choice.
 */
export async function forwardToWorkspace(request: Request, apiPath: string): Promise<Response> {
  const named = request.headers.get("x-workspace-id");
  if (named !== null && !isUuid(named)) return errorResponse(422, "The workspace id is not valid.");
  const workspaceId = named ?? (await chosenWorkspaceId());
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return errorResponse(401);
  const headers = pick(request.headers, FORWARDED_REQUEST_HEADERS);
  headers.set("authorization", `Bearer ${token}`);
  if (isUuid(workspaceId)) headers.set("x-workspace-id", workspaceId);
  return forward(request, `${apiBaseUrl()}${apiPath}`, headers);
}

/**
 * Streams a presigned storage URL back to the browser (range requests included), so the
 * browser never needs to reach the object store itself.
 */
export function forwardStorage(request: Request, url: string): Promise<Response> {
  return forward(request, url, pick(request.headers, ["range", "if-range"]));
}

async function forward(request: Request, url: string, headers: Headers): Promise<Response> {
  // Uncompressed, so the forwarded content-length and byte ranges describe the bytes we pass on.
  headers.set("accept-encoding", "identity");
  const body = request.method !== "GET" && request.method !== "HEAD" ? request.body : null;

  let upstream: Response;
  try {
    upstream = body
      ? await sendStreamed(url, request.method, headers, body, request.signal)
      : await fetch(url, { method: request.method, headers, signal: request.signal, cache: "no-store" });
  } catch (error) {
    if (request.signal.aborted) return errorResponse(499, "The upload was cancelled.");
    console.error("upstream request failed", new URL(url).pathname, error);
    return errorResponse(502, describeApiError(0, null));
  }

  return new Response(upstream.body, {
    status: upstream.status,
    statusText: upstream.statusText,
    headers: pick(upstream.headers, FORWARDED_RESPONSE_HEADERS),
  });
}
