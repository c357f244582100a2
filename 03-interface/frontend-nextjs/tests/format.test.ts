import { describe, expect, it } from "vitest";

import { formatBytes, formatDateTime, formatDuration, formatTimestamp } from "@/lib/format";

describe("formatTimestamp", () => {
  it("shows minutes and zero-padded seconds under an hour", () => {
    expect(formatTimestamp(0)).toBe("0:00");
    expect(formatTimestamp(7.9)).toBe("0:07");
    expect(formatTimestamp(125)).toBe("2:05");
  });

  it("adds hours with padded minutes past an hour", () => {
    expect(formatTimestamp(3600)).toBe("1:00:00");
    expect(formatTimestamp(3723)).toBe("1:02:03");
  });

  it("treats negative and non-finite positions as the start", () => {
    expect(formatTimestamp(-4)).toBe("0:00");
    expect(formatTimestamp(Number.NaN)).toBe("0:00");
  });
});

describe("formatDuration", () => {
  it("reads seconds, minutes and hours the way people say them", () => {
    expect(formatDuration(45)).toBe("45 s");
    expect(formatDuration(185)).toBe("3 min 05 s");
    expect(formatDuration(3720)).toBe("1 h 02 min");
  });

  it("shows a dash while the duration is unknown", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(undefined)).toBe("—");
    expect(formatDuration(-1)).toBe("—");
  });
});

describe("formatBytes", () => {
  it("picks the largest unit with one decimal below ten", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(40 * 1024 * 1024)).toBe("40 MB");
    expect(formatBytes(4 * 1024 ** 3)).toBe("4.0 GB");
  });
});

describe("formatDateTime", () => {
  it("formats in UTC so server and browser render the same text", () => {
    expect(formatDateTime("2026-11-28T09:45:00Z")).toBe("28 Nov 2026, 09:45");
  });

  it("returns unparseable input unchanged", () => {
    expect(formatDateTime("not a date")).toBe("not a date");
  });
});
