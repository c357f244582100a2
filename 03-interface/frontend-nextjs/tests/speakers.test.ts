import { describe, expect, it } from "vitest";

import { SPEAKER_PALETTE, buildSpeakerDirectory, orderedLabels, speakerColor } from "@/lib/speakers";

describe("orderedLabels", () => {
  it("lists each label once in natural order", () => {
    expect(orderedLabels(["SPEAKER_10", "SPEAKER_02", "SPEAKER_02", "SPEAKER_01"])).toEqual([
      "SPEAKER_01",
      "SPEAKER_02",
      "SPEAKER_10",
    ]);
  });
});

describe("speakerColor", () => {
  it("gives different speakers different colours and cycles past the palette", () => {
    expect(speakerColor(0)).not.toBe(speakerColor(1));
    expect(speakerColor(SPEAKER_PALETTE.length)).toBe(speakerColor(0));
  });
});

describe("buildSpeakerDirectory", () => {
  const segments = [
    { speaker: "SPEAKER_01", label: "SPEAKER_01" },
    { speaker: "SPEAKER_00", label: "SPEAKER_00" },
  ];

  it("numbers unnamed speakers from 1 in label order, whatever order they speak in", () => {
    const directory = buildSpeakerDirectory([], segments);
    expect(directory.get("SPEAKER_00")?.name).toBe("Speaker 1");
    expect(directory.get("SPEAKER_01")?.name).toBe("Speaker 2");
  });

  it("keeps a speaker's colour when another speaker is renamed", () => {
    const before = buildSpeakerDirectory([], segments);
    const after = buildSpeakerDirectory([{ label: "SPEAKER_00", person: "Alice", person_id: "p1" }], segments);
    expect(after.get("SPEAKER_01")?.color).toBe(before.get("SPEAKER_01")?.color);
    expect(after.get("SPEAKER_00")?.name).toBe("Alice");
    expect(after.get("SPEAKER_00")?.personId).toBe("p1");
    expect(after.get("SPEAKER_00")?.defaultName).toBe("Speaker 1");
  });

  it("includes speakers that appear only in the summary", () => {
    const directory = buildSpeakerDirectory([{ label: "SPEAKER_02", person: null }], segments);
    expect([...directory.keys()]).toEqual(["SPEAKER_00", "SPEAKER_01", "SPEAKER_02"]);
  });
});
