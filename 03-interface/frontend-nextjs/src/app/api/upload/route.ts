import { errorResponse, forwardToApi } from "@/lib/api/forward";

/**
 * The browser's upload (multipart, sent with XHR so it can show progress) streams through here
 * to the API, which streams it on to object storage. The token stays in its httpOnly cookie.
 */
export async function POST(request: Request) {
  if (!request.headers.get("content-type")?.startsWith("multipart/form-data")) {
    return errorResponse(415, "Send the recording as a form upload.");
  }
  return forwardToApi(request, "/api/v1/process/");
}
