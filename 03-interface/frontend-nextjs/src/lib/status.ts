/** How a meeting's processing state reads on the page. */
import type { MeetingSummary } from "@/lib/models";

const STAGE_NAMES: Record<string, string> = {
  downloading: "Fetching the recording",
  decoding: "Preparing the audio",
  diarization: "Finding who speaks when",
  identification: "Recognising voices",
  transcription: "Transcribing",
  fusion: "Putting it together",
  storing: "Saving",
};

export function stageName(stage: string | null): string | null {
  if (!stage) return null;
  return STAGE_NAMES[stage] ?? stage.charAt(0).toUpperCase() + stage.slice(1);
}

/** A whole percent between 0 and 100, or null when unknown. */
export function clampPercent(percent: number | null | undefined): number | null {
  if (percent == null || !Number.isFinite(percent)) return null;
  return Math.round(Math.min(100, Math.max(0, percent)));
}

export function statusText(meeting: Pick<MeetingSummary, "status" | "stage" | "percent" | "error">): string {
  switch (meeting.status) {
    case "queued":
      return "Waiting for a free worker";
    case "processing": {
      const stage = stageName(meeting.stage) ?? "Processing";
      const percent = clampPercent(meeting.percent);
      return percent === null ? stage : `${stage} · ${percent}%`;
    }
    case "completed":
      return "Ready";
    case "failed":
      return meeting.error ? `Failed: ${meeting.error}` : "Failed";
  }
}
