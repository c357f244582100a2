/**
 * Speaker names and colours. A speaker keeps the same colour and default name ("Speaker 1")
 * everywhere in a meeting because both come from its position in the meeting's sorted label list.
 */

/** Colours readable as text on white and distinct from each other (WCAG AA against #fff). */
export const SPEAKER_PALETTE = [
  "#1d4ed8", // blue
  "#b91c1c", // red
  "#047857", // green
  "#7c3aed", // violet
  "#b45309", // amber
  "#0e7490", // cyan
  "#be185d", // pink
  "#4d7c0f", // lime
  "#6d28d9", // purple
  "#c2410c", // orange
] as const;

export interface SpeakerInfo {
  label: string;
  index: number;
  color: string;
  defaultName: string;
  /** The name people chose or the voice bank found; the default name otherwise. */
  name: string;
  personId: string | null;
}

interface LabelledSpeaker {
  label: string;
  person?: string | null;
  person_id?: string | null;
}

/** Every label of a meeting once, in a stable order (sorted like the worker numbers them). */
export function orderedLabels(labels: Iterable<string>): string[] {
  return [...new Set(labels)].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
}

export function speakerColor(index: number): string {
  const size = SPEAKER_PALETTE.length;
  return SPEAKER_PALETTE[((index % size) + size) % size]!;
}

/** Speakers of a meeting by label: the summary list plus any label only seen in segments. */
export function buildSpeakerDirectory(
  speakers: readonly LabelledSpeaker[],
  segments: readonly LabelledSpeaker[],
): Map<string, SpeakerInfo> {
  const known = new Map<string, LabelledSpeaker>();
  for (const speaker of [...segments, ...speakers]) {
    const previous = known.get(speaker.label);
    // Summary entries come last so their names win over per-segment ones.
    known.set(speaker.label, { ...previous, ...speaker, person: speaker.person ?? previous?.person ?? null });
  }
  const directory = new Map<string, SpeakerInfo>();
  orderedLabels(known.keys()).forEach((label, index) => {
    const entry = known.get(label);
    const defaultName = `Speaker ${index + 1}`;
    directory.set(label, {
      label,
      index,
      color: speakerColor(index),
      defaultName,
      name: entry?.person?.trim() || defaultName,
      personId: entry?.person_id ?? null,
    });
  });
  return directory;
}
