import { describe, expect, it } from "vitest";

import { clampPercent, statusText } from "@/lib/status";

describe("statusText", () => {
  it("names the stage and percent while processing", () => {
    expect(statusText({ status: "processing", stage: "transcription", percent: 42.4, error: null })).toBe(
      "Transcribing · 42%",
    );
  });

  it("shows the failure reason", () => {
    expect(statusText({ status: "failed", stage: null, percent: null, error: "The file has no audio track." })).toBe(
      "Failed: The file has no audio track.",
    );
  });

  it("capitalises a stage it does not know", () => {
    expect(statusText({ status: "processing", stage: "warming", percent: null, error: null })).toBe("Warming");
  });
});

describe("clampPercent", () => {
  it("rounds into 0–100 and keeps unknown as null", () => {
    expect(clampPercent(140)).toBe(100);
    expect(clampPercent(-3)).toBe(0);
    expect(clampPercent(null)).toBeNull();
  });
});
