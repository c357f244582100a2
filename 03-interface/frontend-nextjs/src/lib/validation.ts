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

/** The limits are the API's (generated from its spec), so a form never sends what the API refuses. */
function atMost(limit: number): string {
  return `Use at most ${limit} characters.`;
}

/** Free text, trimmed, of at most `limit` characters; `missing` is the message when it is not text at all. */
function text(limit: number, missing?: string) {
  return z.string(missing ? { error: missing } : undefined).trim().max(limit, atMost(limit));
}

export const loginSchema = z.object({
  email: z.email("Enter a valid email address."),
  password: z.string().min(1, "Enter your password.").max(MAX_PASSWORD_LENGTH, atMost(MAX_PASSWORD_LENGTH)),
});

export const registerSchema = z
  .object({
    email: z.email("Enter a valid email address."),
    fullName: text(MAX_NAME_LENGTH).optional(),
    password: z
      .string()
      .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
      .max(MAX_PASSWORD_LENGTH, atMost(MAX_PASSWORD_LENGTH)),
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
