import { describe, expect, it } from "vitest";

import { titleFromFileName, uploadFormData } from "@/lib/upload";
import { fieldErrors, fileProblem, registerSchema, uploadSchema } from "@/lib/validation";

describe("uploadSchema", () => {
  const base = { title: "Weekly", language: "fr", speakerMode: "auto" };

  it("accepts automatic detection without numbers", () => {
    expect(uploadSchema.safeParse(base).success).toBe(true);
  });

  it("needs a number when the exact count is chosen", () => {
    const result = uploadSchema.safeParse({ ...base, speakerMode: "exact", numSpeakers: "" });
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrors(result.error).numSpeakers).toBe("Enter the number of speakers.");
  });

  it("refuses a range whose maximum is below its minimum", () => {
    const result = uploadSchema.safeParse({ ...base, speakerMode: "range", minSpeakers: "4", maxSpeakers: "2" });
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrors(result.error).maxSpeakers).toBe("The maximum is below the minimum.");
  });
});

describe("registerSchema", () => {
  it("refuses different passwords on the confirmation field", () => {
    const result = registerSchema.safeParse({
      email: "a@example.com",
      password: "long enough",
      confirmPassword: "different!",
    });
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrors(result.error).confirmPassword).toBe("The two passwords differ.");
  });
});

describe("fileProblem", () => {
  it("refuses a missing, empty, too large or non-media file", () => {
    expect(fileProblem(null, 10)).toBe("Choose a file.");
    expect(fileProblem(new File([], "a.wav", { type: "audio/wav" }), 10)).toBe("This file is empty.");
    expect(fileProblem(new File(["x".repeat(20)], "a.wav", { type: "audio/wav" }), 10)).toContain("larger");
    expect(fileProblem(new File(["x"], "a.pdf", { type: "application/pdf" }), 10)).toContain("audio or video");
  });

  it("accepts a file without a browser-known type (the API checks the content)", () => {
    expect(fileProblem(new File(["x"], "meeting.opus"), 10)).toBeNull();
  });
});

describe("uploadFormData", () => {
  it("leaves automatic choices out and puts the file last", () => {
    const file = new File(["x"], "team_sync.mp3", { type: "audio/mpeg" });
    const data = uploadFormData(file, { title: "", language: "auto", speakerMode: "auto" });
    expect([...data.keys()]).toEqual(["title", "file"]);
    expect(data.get("title")).toBe("team sync");
  });

  it("sends the language and the speaker range", () => {
    const file = new File(["x"], "a.wav", { type: "audio/wav" });
    const data = uploadFormData(file, {
      title: "Réunion",
      language: "fr",
      speakerMode: "range",
      minSpeakers: 2,
      maxSpeakers: 4,
    });
    expect(data.get("language")).toBe("fr");
    expect(data.get("min_speakers")).toBe("2");
    expect(data.get("max_speakers")).toBe("4");
  });
});

describe("titleFromFileName", () => {
  it("drops the extension and underscores", () => {
    expect(titleFromFileName("2026-11-28_board_meeting.m4a")).toBe("2026-11-28 board meeting");
  });
});
