import { errorResponse, forwardToApi } from "@/lib/api/forward";

/** A new person with a voice sample: streamed through to the API like meeting uploads. */
export async function POST(request: Request) {
  if (!request.headers.get("content-type")?.startsWith("multipart/form-data")) {
    return errorResponse(415, "Send the voice sample as a form upload.");
  }
  return forwardToApi(request, "/api/v1/identities");
}
