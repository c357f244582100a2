/** Form rules, checked in the browser before sending and again by the server actions. */
import { z } from "zod";

import {
  MAX_FILENAME_LENGTH,
  MAX_NAME_LENGTH,
  MAX_PASSWORD_LENGTH,
  MAX_SPEAKERS,
  MAX_TITLE_LENGTH,
  MIN_PASSWORD_LENGTH,
} from "@/lib/api/limits";
import { LANGUAGE_CHOICES } from "@/lib/languages";
import { ROLES } from "@/lib/roles";

/** The limits are the API's (generated from its spec), so a form never sends what the API refuses. */
function atMost(limit: number): string {
  return `Use at most ${limit} characters.`;
}

/** Free text, trimmed, of at most `limit` characters; `missing` is the message when it is not text at all. */
function text(limit: number, missing?: string) {
  return z.string(missing ? { error: missing } : undefined).trim().max(limit, atMost(limit));
}

const emailSchema = z.email("Enter a valid email address.");

/** A password as typed to prove who one is (the current one): anything up to the API's length. */
const currentPassword = (missing: string) =>
  z.string({ error: missing }).min(1, missing).max(MAX_PASSWORD_LENGTH, atMost(MAX_PASSWORD_LENGTH));

/** A password being chosen: the API's length range. */
const newPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(MAX_PASSWORD_LENGTH, atMost(MAX_PASSWORD_LENGTH));

export const loginSchema = z.object({
  email: emailSchema,
  password: currentPassword("Enter your password."),
});

export const registerSchema = z
  .object({
    email: emailSchema,
    fullName: text(MAX_NAME_LENGTH).optional(),
    password: newPassword,
    confirmPassword: z.string(),
  })
  .refine((values) => values.password === values.confirmPassword, {
    message: "The two passwords differ.",
    path: ["confirmPassword"],
  });

/** Accepted by the file picker; the API checks the content itself. */
export const MEDIA_ACCEPT = "audio/*,video/*,.mp3,.wav,.m4a,.flac,.ogg,.opus,.webm,.mp4,.mkv,.mov";

const speakerCount = z.coerce
  .number({ error: "Enter a whole number." })
  .int("Enter a whole number.")
  .min(1, "At least 1 speaker.")
  .max(MAX_SPEAKERS, `At most ${MAX_SPEAKERS} speakers.`);

const optionalSpeakerCount = z.preprocess(
  (value) => (value === "" || value == null ? undefined : value),
  speakerCount.optional(),
);

export const uploadSchema = z
  .object({
    title: text(MAX_TITLE_LENGTH),
    language: z.enum(LANGUAGE_CHOICES, { error: "Choose a language from the list." }),
    speakerMode: z.enum(["auto", "exact", "range"]),
    numSpeakers: optionalSpeakerCount,
    minSpeakers: optionalSpeakerCount,
    maxSpeakers: optionalSpeakerCount,
  })
  .superRefine((values, context) => {
    if (values.speakerMode === "exact" && values.numSpeakers === undefined) {
      context.addIssue({ code: "custom", path: ["numSpeakers"], message: "Enter the number of speakers." });
    }
    if (values.speakerMode === "range") {
      if (values.minSpeakers === undefined && values.maxSpeakers === undefined) {
        context.addIssue({ code: "custom", path: ["minSpeakers"], message: "Enter a minimum, a maximum or both." });
      }
      if (values.minSpeakers !== undefined && values.maxSpeakers !== undefined && values.minSpeakers > values.maxSpeakers) {
        context.addIssue({ code: "custom", path: ["maxSpeakers"], message: "The maximum is below the minimum." });
      }
    }
  });

export type UploadFields = z.infer<typeof uploadSchema>;

export const personNameSchema = text(MAX_NAME_LENGTH, "Enter a name.").min(1, "Enter a name.");

/** A speaker's name for one meeting; empty means back to "Speaker N". */
export const speakerNameSchema = text(MAX_NAME_LENGTH);

/** Checks a chosen file before any byte is sent. */
export function fileProblem(file: File | null | undefined, maxBytes: number): string | null {
  if (!file) return "Choose a file.";
  if (file.size === 0) return "This file is empty.";
  if (file.size > maxBytes) return "This file is larger than the upload limit.";
  if (file.name.length > MAX_FILENAME_LENGTH) {
    return `Rename this file: its name is longer than ${MAX_FILENAME_LENGTH} characters.`;
  }
  const type = file.type;
  if (type && !type.startsWith("audio/") && !type.startsWith("video/")) {
    return "Choose an audio or video file.";
  }
  return null;
}

/** Field name → first message, the shape forms display. */
export type FieldErrors = Partial<Record<string, string>>;

export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    errors[key] ??= issue.message;
  }
  return errors;
}

export const renameSchema = z.object({ name: speakerNameSchema });

export const linkSchema = z.object({ personId: z.string().min(1, "Choose a person.") });

export const enrollSchema = z.object({ name: personNameSchema });

export const personSchema = z.object({ name: personNameSchema });

/** Longest voice sample accepted by the voice bank form (a minute of WAV is about 10 MB). */
export const MAX_VOICE_SAMPLE_BYTES = 100 * 1024 ** 2;

/** A meeting's title: required when renaming (an upload may leave it empty for the file name). */
export const meetingTitleSchema = z.object({
  title: text(MAX_TITLE_LENGTH, "Enter a title.").min(1, "Enter a title."),
});

export const workspaceNameSchema = z.object({
  name: text(MAX_NAME_LENGTH, "Enter a name.").min(1, "Enter a name."),
});

const roleSchema = z.enum(ROLES, { error: "Choose a role." });

export const inviteSchema = z.object({ email: emailSchema, role: roleSchema });

export const roleChangeSchema = z.object({ role: roleSchema });

export const transferSchema = z.object({ userId: z.uuid("Choose a member.") });

/** The longest life of an API key, in days (ApiKeyCreate.expires_in_days; a test checks the spec). */
export const MAX_API_KEY_DAYS = 3650;

export const apiKeySchema = z.object({
  name: text(MAX_NAME_LENGTH, "Enter a name.").min(1, "Enter a name."),
  workspaceId: z.uuid("Choose a workspace."),
  role: roleSchema,
  expiresInDays: z.preprocess(
    (value) => (value === "" || value == null ? undefined : value),
    z.coerce
      .number({ error: "Enter a whole number of days." })
      .int("Enter a whole number of days.")
      .min(1, "At least 1 day.")
      .max(MAX_API_KEY_DAYS, `At most ${MAX_API_KEY_DAYS} days.`)
      .optional(),
  ),
});

export const passwordChangeSchema = z
  .object({
    currentPassword: currentPassword("Enter your current password."),
    newPassword,
    confirmPassword: z.string(),
  })
  .refine((values) => values.newPassword === values.confirmPassword, {
    message: "The two passwords differ.",
    path: ["confirmPassword"],
  });

export const accountDeletionSchema = z.object({ password: currentPassword("Enter your password to confirm.") });
