import { describe, expect, it } from "vitest";

import { activeSegmentIndex, groupTurns } from "@/lib/transcript";

const segments = [
  { speaker: "A", start: 0, end: 2, text: "Hello." },
  { speaker: "A", start: 2.5, end: 4, text: "How are you?" },
  { speaker: "B", start: 4.2, end: 6, text: "Fine." },
  { speaker: "A", start: 7, end: 9, text: "Good." },
];

describe("groupTurns", () => {
  it("merges consecutive segments of one speaker into a turn", () => {
    const turns = groupTurns(segments);
    expect(turns.map((turn) => turn.speaker)).toEqual(["A", "B", "A"]);
    expect(turns[0]?.lines.map((line) => line.index)).toEqual([0, 1]);
    expect(turns[0]?.end).toBe(4);
  });

  it("returns no turns for an empty transcript", () => {
    expect(groupTurns([])).toEqual([]);
  });
});

describe("activeSegmentIndex", () => {
  it("finds the segment being spoken", () => {
    expect(activeSegmentIndex(segments, 0)).toBe(0);
    expect(activeSegmentIndex(segments, 3)).toBe(1);
    expect(activeSegmentIndex(segments, 8.99)).toBe(3);
  });

  it("highlights nothing before the first word, in pauses and after the end", () => {
    expect(activeSegmentIndex([{ speaker: "A", start: 1, end: 2, text: "" }], 0.5)).toBe(-1);
    expect(activeSegmentIndex(segments, 2.2)).toBe(-1);
    expect(activeSegmentIndex(segments, 9.5)).toBe(-1);
  });

  it("keeps an earlier segment active while it overlaps a later one", () => {
    const overlapping = [
      { speaker: "A", start: 0, end: 5, text: "long" },
      { speaker: "B", start: 1, end: 2, text: "short" },
    ];
    expect(activeSegmentIndex(overlapping, 3)).toBe(0);
    expect(activeSegmentIndex(overlapping, 1.5)).toBe(1);
  });
});
