/** What the pages show, independent of the API's field names (mapped in `api/mappers.ts`). */

export type MeetingStatus = "queued" | "processing" | "completed" | "failed";

export interface MeetingSummary {
  id: string;
  title: string;
  createdAt: string;
  status: MeetingStatus;
  stage: string | null;
  percent: number | null;
  error: string | null;
  durationS: number | null;
  language: string | null;
  numSpeakers: number | null;
}

export interface Person {
  id: string;
  name: string;
  sampleCount: number;
  createdAt: string | null;
}

export interface TranscriptSpeaker {
  label: string;
  person: string | null;
  personId: string | null;
  speechS: number;
}

export interface TranscriptLine {
  speaker: string;
  start: number;
  end: number;
  text: string;
}

export interface Transcript {
  language: string | null;
  durationS: number;
  speakers: TranscriptSpeaker[];
  segments: TranscriptLine[];
}

export function isActive(status: MeetingStatus): boolean {
  return status === "queued" || status === "processing";
}
