/** Turning the transcript's segments into speaker turns, and finding the line being spoken. */

export interface TimedSegment {
  speaker: string;
  start: number;
  end: number;
  text: string;
}

export interface SpeakerTurn<S extends TimedSegment> {
  speaker: string;
  start: number;
  end: number;
  /** Segments with their index in the original list, so a line can be matched to playback. */
  lines: { index: number; segment: S }[];
}

/** Consecutive segments of the same speaker form one turn (one block on the page). */
export function groupTurns<S extends TimedSegment>(segments: readonly S[]): SpeakerTurn<S>[] {
  const turns: SpeakerTurn<S>[] = [];
  segments.forEach((segment, index) => {
    const last = turns.at(-1);
    if (last && last.speaker === segment.speaker) {
      last.lines.push({ index, segment });
      last.end = Math.max(last.end, segment.end);
    } else {
      turns.push({ speaker: segment.speaker, start: segment.start, end: segment.end, lines: [{ index, segment }] });
    }
  });
  return turns;
}

/**
 * The index of the segment being spoken at `time`, or -1 when none is.
 * Segments are sorted by start; between two segments nothing is highlighted.
 */
export function activeSegmentIndex(segments: readonly TimedSegment[], time: number): number {
  let low = 0;
  let high = segments.length - 1;
  let candidate = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (segments[middle]!.start <= time) {
      candidate = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  if (candidate === -1) return -1;
  // Overlapping speech: an earlier segment may still be running when a later one has started.
  for (let index = candidate; index >= 0 && index >= candidate - 3; index -= 1) {
    if (time < segments[index]!.end) return index;
  }
  return -1;
}
