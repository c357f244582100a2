import { errorResponse, forwardToWorkspace, refuseCrossSite } from "@/lib/api/forward";

/**
 * The browser's upload (multipart, sent with XHR so it can show progress) streams through here
 * to the API, which streams it on to object storage, in the workspace the upload page was shown
 * for. The token stays in its httpOnly cookie; requests from other sites are refused first.
 */
export async function POST(request: Request) {
  const refused = refuseCrossSite(request);
  if (refused) return refused;
  if (!request.headers.get("content-type")?.startsWith("multipart/form-data")) {
    return errorResponse(415, "Send the recording as a form upload.");
  }
  return forwardToWorkspace(request, "/api/v1/process/");
}
