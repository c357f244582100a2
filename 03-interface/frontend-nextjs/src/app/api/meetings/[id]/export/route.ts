import { errorResponse, forwardToApi } from "@/lib/api/forward";
import { EXPORT_FORMATS } from "@/lib/exports";

/** A transcript download (TXT, SRT, VTT, JSON, DOCX, PDF) with the API's file name. */
export async function GET(request: Request, { params }: RouteContext<"/api/meetings/[id]/export">) {
  const { id } = await params;
  const format = new URL(request.url).searchParams.get("format") ?? "";
  if (!EXPORT_FORMATS.some((known) => known.format === format)) {
    return errorResponse(422, "Choose one of the export formats.");
  }
  return forwardToApi(request, `/api/v1/meetings/${encodeURIComponent(id)}/export?format=${format}`);
}
