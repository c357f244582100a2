/** The one place that knows the API's field names: API bodies → what the pages show. */
import type { MeetingSummary, Person, Transcript } from "@/lib/models";

import type { components } from "./schema";

type Schemas = components["schemas"];

export function toMeetingSummary(meeting: Schemas["MeetingOut"]): MeetingSummary {
  return {
    id: meeting.id,
    title: meeting.title,
    createdAt: meeting.created_at,
    status: meeting.status,
    stage: meeting.stage ?? null,
    percent: meeting.progress,
    error: meeting.error ?? null,
    durationS: meeting.duration_s ?? null,
    language: meeting.language ?? null,
    numSpeakers: meeting.num_speakers ?? null,
  };
}

export function toPerson(person: Schemas["PersonOut"]): Person {
  return {
    id: person.person_id,
    name: person.name,
    sampleCount: person.samples.length,
    createdAt: person.created_at,
  };
}

export function toTranscript(document: Schemas["TranscriptDocument"]): Transcript {
  return {
    language: document.language ?? null,
    durationS: document.duration_s,
    speakers: document.speakers.map((speaker) => ({
      label: speaker.label,
      person: speaker.person ?? null,
      personId: speaker.person_id ?? null,
      speechS: speaker.speech_s ?? 0,
    })),
    segments: document.segments.map((segment) => ({
      speaker: segment.speaker,
      start: segment.start,
      end: segment.end,
      text: segment.text.trim(),
    })),
  };
}
