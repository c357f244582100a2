import { errorResponse, forwardStorage } from "@/lib/api/forward";
import { callApi } from "@/lib/api/server";
import { ApiError } from "@/lib/errors";

/**
 * The meeting's audio for the <audio> element. The API answers with a presigned storage URL;
 * its bytes are streamed through here with the browser's Range header, so seeking works.
 */
export async function GET(request: Request, { params }: RouteContext<"/api/meetings/[id]/audio">) {
  const { id } = await params;
  let url: string;
  try {
    const link = await callApi((api) =>
      api.GET("/api/v1/meetings/{meeting_id}/audio", { params: { path: { meeting_id: id } } }),
    );
    url = link.url;
  } catch (error) {
    if (error instanceof ApiError) return errorResponse(error.status, error.message);
    throw error;
  }
  return forwardStorage(request, url);
}
