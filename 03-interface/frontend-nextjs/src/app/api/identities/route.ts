import { errorResponse, forwardToWorkspace, refuseCrossSite } from "@/lib/api/forward";

/**
 * A new person with a voice sample, in the workspace the voice bank page was shown for: streamed
 * through to the API like meeting uploads. Requests from other sites are refused first.
 */
export async function POST(request: Request) {
  const refused = refuseCrossSite(request);
  if (refused) return refused;
  if (!request.headers.get("content-type")?.startsWith("multipart/form-data")) {
    return errorResponse(415, "Send the voice sample as a form upload.");
  }
  return forwardToWorkspace(request, "/api/v1/identities");
}
