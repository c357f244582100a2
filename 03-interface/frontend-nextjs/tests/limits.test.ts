import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import * as generated from "@/lib/api/limits";
import { COMMON_LANGUAGES, LANGUAGE_OPTIONS } from "@/lib/languages";
import { titleFromFileName } from "@/lib/upload";
import {
  MAX_API_KEY_DAYS,
  apiKeySchema,
  fieldErrors,
  fileProblem,
  loginSchema,
  meetingTitleSchema,
  passwordChangeSchema,
  personNameSchema,
  registerSchema,
  speakerNameSchema,
  uploadSchema,
  workspaceNameSchema,
} from "@/lib/validation";

/** What the API publishes; the forms must accept exactly that (spec → limits.ts → zod schemas). */
const info = JSON.parse(readFileSync(new URL("../../backend/openapi.json", import.meta.url), "utf8")).info as {
  "x-scribe-limits": Record<string, number>;
  "x-scribe-languages": Record<string, string>;
};
const LIMITS = info["x-scribe-limits"];
type Property = { maxLength?: number; minLength?: number; anyOf?: Property[]; maximum?: number; minimum?: number };
const SCHEMAS = JSON.parse(readFileSync(new URL("../../backend/openapi.json", import.meta.url), "utf8")).components
  .schemas as Record<string, { properties: Record<string, Property> }>;
/** A body field of the spec (the first non-null branch of an optional one). */
function field(schema: string, name: string): Property {
  const property = SCHEMAS[schema]!.properties[name]!;
  return property.anyOf?.find((branch) => branch.maximum !== undefined || branch.maxLength !== undefined) ?? property;
}
const LANGUAGES = info["x-scribe-languages"];

const upload = { title: "Weekly", language: "auto", speakerMode: "auto" };
const account = { email: "a@example.com", password: "long enough", confirmPassword: "long enough" };

describe("the generated limits module", () => {
  it("holds every limit and language of the spec, under the names the forms import", () => {
    for (const [name, value] of Object.entries(LIMITS)) {
      expect(generated[name.toUpperCase() as keyof typeof generated], name).toBe(value);
    }
    expect(generated.LANGUAGE_NAMES).toEqual(LANGUAGES);
  });
});

describe("titles", () => {
  it("accept the API's longest title and refuse one character more", () => {
    expect(LIMITS.max_title_length).toBe(300);
    expect(uploadSchema.safeParse({ ...upload, title: "t".repeat(300) }).success).toBe(true);
    const result = uploadSchema.safeParse({ ...upload, title: "t".repeat(301) });
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrors(result.error).title).toBe("Use at most 300 characters.");
  });

  it("taken from a file name are cut at the same length", () => {
    expect(titleFromFileName(`${"a".repeat(400)}.wav`)).toHaveLength(LIMITS.max_title_length!);
  });
});

describe("languages", () => {
  it("accept automatic detection and every code the API accepts, nothing else", () => {
    expect(uploadSchema.safeParse({ ...upload, language: "fr" }).success).toBe(true);
    expect(uploadSchema.safeParse({ ...upload, language: "auto" }).success).toBe(true);
    for (const code of Object.keys(LANGUAGES)) {
      expect(uploadSchema.safeParse({ ...upload, language: code }).success, code).toBe(true);
    }
    const refused = uploadSchema.safeParse({ ...upload, language: "xx" });
    expect(refused.success).toBe(false);
    if (!refused.success) expect(fieldErrors(refused.error).language).toBe("Choose a language from the list.");
  });

  it("are offered as: automatic detection, the common ones, then all others by name", () => {
    expect(LANGUAGE_OPTIONS[0]).toEqual({ code: "auto", name: "Detect automatically" });
    const common = LANGUAGE_OPTIONS.slice(1, 1 + COMMON_LANGUAGES.length);
    expect(common.map((option) => option.name)).toEqual([
      "French",
      "English",
      "German",
      "Spanish",
      "Italian",
      "Dutch",
      "Portuguese",
    ]);
    const others = LANGUAGE_OPTIONS.slice(1 + COMMON_LANGUAGES.length).map((option) => option.name);
    expect(others).toEqual([...others].sort((a, b) => a.localeCompare(b, "en")));
    expect(others[0]).toBe("Afrikaans");
    const codes = LANGUAGE_OPTIONS.slice(1).map((option) => option.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(Object.keys(LANGUAGES).sort());
  });
});

describe("speaker counts", () => {
  it("go from 1 to the API's maximum", () => {
    const exact = (numSpeakers: string) => uploadSchema.safeParse({ ...upload, speakerMode: "exact", numSpeakers });
    expect(exact(String(LIMITS.max_speakers)).success).toBe(true);
    const above = exact(String(LIMITS.max_speakers! + 1));
    expect(above.success).toBe(false);
    if (!above.success) expect(fieldErrors(above.error).numSpeakers).toBe(`At most ${LIMITS.max_speakers} speakers.`);
    expect(exact("0").success).toBe(false);
  });
});

describe("names", () => {
  const longest = "n".repeat(LIMITS.max_name_length!);
  const tooLong = `${longest}n`;

  it("of people, speakers and accounts stop at the API's name length", () => {
    for (const schema of [personNameSchema, speakerNameSchema]) {
      expect(schema.safeParse(longest).success).toBe(true);
      expect(schema.safeParse(tooLong).success).toBe(false);
    }
    expect(registerSchema.safeParse({ ...account, fullName: longest }).success).toBe(true);
    const result = registerSchema.safeParse({ ...account, fullName: tooLong });
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrors(result.error).fullName).toBe(`Use at most ${LIMITS.max_name_length} characters.`);
  });

  it("of a person are required", () => {
    expect(personNameSchema.safeParse("   ").success).toBe(false);
    expect(personNameSchema.safeParse(null).error?.issues[0]?.message).toBe("Enter a name.");
  });
});

describe("passwords", () => {
  const password = (length: number) => "p".repeat(length);
  const withPassword = (value: string) => ({ ...account, password: value, confirmPassword: value });

  it("are as long as the API allows when registering", () => {
    const min = LIMITS.min_password_length!;
    const max = LIMITS.max_password_length!;
    expect(registerSchema.safeParse(withPassword(password(min))).success).toBe(true);
    expect(registerSchema.safeParse(withPassword(password(max))).success).toBe(true);
    const short = registerSchema.safeParse(withPassword(password(min - 1)));
    expect(short.success).toBe(false);
    if (!short.success) expect(fieldErrors(short.error).password).toBe(`Use at least ${min} characters.`);
    expect(registerSchema.safeParse(withPassword(password(max + 1))).success).toBe(false);
  });

  it("longer than the API accepts are refused before logging in", () => {
    const max = LIMITS.max_password_length!;
    expect(loginSchema.safeParse({ email: account.email, password: password(max) }).success).toBe(true);
    expect(loginSchema.safeParse({ email: account.email, password: password(max + 1) }).success).toBe(false);
  });
});

describe("file names", () => {
  it("longer than the API stores are refused before sending", () => {
    const named = (name: string) => new File(["x"], name, { type: "audio/wav" });
    const max = LIMITS.max_filename_length!;
    expect(fileProblem(named(`${"f".repeat(max - 4)}.wav`), 10)).toBeNull();
    expect(fileProblem(named(`${"f".repeat(max - 3)}.wav`), 10)).toContain(`${max} characters`);
  });
});

describe("the workspace forms", () => {
  const key = { name: "nightly", workspaceId: "3f2b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b", role: "viewer" };

  it("name workspaces and API keys as long as the API allows", () => {
    for (const [schema, name] of [
      ["WorkspaceCreate", "name"],
      ["WorkspaceRename", "name"],
      ["ApiKeyCreate", "name"],
    ] as const) {
      expect(field(schema, name).maxLength, `${schema}.${name}`).toBe(LIMITS.max_name_length);
    }
    expect(workspaceNameSchema.safeParse({ name: "w".repeat(LIMITS.max_name_length!) }).success).toBe(true);
    expect(workspaceNameSchema.safeParse({ name: "w".repeat(LIMITS.max_name_length! + 1) }).success).toBe(false);
    expect(workspaceNameSchema.safeParse({ name: "  " }).success).toBe(false);
  });

  it("give API keys at most the API's lifetime", () => {
    expect(field("ApiKeyCreate", "expires_in_days").maximum).toBe(MAX_API_KEY_DAYS);
    expect(apiKeySchema.safeParse({ ...key, expiresInDays: "" }).success).toBe(true);
    expect(apiKeySchema.safeParse({ ...key, expiresInDays: String(MAX_API_KEY_DAYS) }).success).toBe(true);
    expect(apiKeySchema.safeParse({ ...key, expiresInDays: String(MAX_API_KEY_DAYS + 1) }).success).toBe(false);
    expect(apiKeySchema.safeParse({ ...key, expiresInDays: "0" }).success).toBe(false);
    expect(apiKeySchema.safeParse({ ...key, role: "superuser" }).success).toBe(false);
  });

  it("change passwords within the API's length range", () => {
    expect(field("PasswordChange", "new_password").minLength).toBe(LIMITS.min_password_length);
    expect(field("PasswordChange", "new_password").maxLength).toBe(LIMITS.max_password_length);
    const change = (newPassword: string) =>
      passwordChangeSchema.safeParse({ currentPassword: "old", newPassword, confirmPassword: newPassword });
    expect(change("p".repeat(LIMITS.min_password_length!)).success).toBe(true);
    expect(change("p".repeat(LIMITS.min_password_length! - 1)).success).toBe(false);
    expect(change("p".repeat(LIMITS.max_password_length! + 1)).success).toBe(false);
  });

  it("rename meetings within the API's title length", () => {
    expect(field("MeetingUpdate", "title").maxLength).toBe(LIMITS.max_title_length);
    expect(meetingTitleSchema.safeParse({ title: "t".repeat(LIMITS.max_title_length!) }).success).toBe(true);
    expect(meetingTitleSchema.safeParse({ title: "t".repeat(LIMITS.max_title_length! + 1) }).success).toBe(false);
    expect(meetingTitleSchema.safeParse({ title: "" }).success).toBe(false);
  });
});
