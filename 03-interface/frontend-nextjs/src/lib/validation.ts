/** Form rules, checked in the browser before sending and again by the server actions. */
import { z } from "zod";

export const PASSWORD_MIN_LENGTH = 8;

export const loginSchema = z.object({
  email: z.email("Enter a valid email address."),
  password: z.string().min(1, "Enter your password."),
});

export const registerSchema = z
  .object({
    email: z.email("Enter a valid email address."),
    fullName: z.string().trim().max(200, "Use at most 200 characters.").optional(),
    password: z
      .string()
      .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
      .max(128, "Use at most 128 characters."),
    confirmPassword: z.string(),
  })
  .refine((values) => values.password === values.confirmPassword, {
    message: "The two passwords differ.",
    path: ["confirmPassword"],
  });

/** Languages offered in the upload form; Whisper knows many more, these are the common ones. */
export const LANGUAGES = [
  { code: "auto", name: "Detect automatically" },
  { code: "fr", name: "French" },
  { code: "en", name: "English" },
  { code: "de", name: "German" },
  { code: "es", name: "Spanish" },
  { code: "it", name: "Italian" },
  { code: "nl", name: "Dutch" },
  { code: "pt", name: "Portuguese" },
] as const;

const languageCodes = LANGUAGES.map((language) => language.code) as [string, ...string[]];

export const MAX_SPEAKERS = 32;

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
    title: z.string().trim().max(200, "Use at most 200 characters."),
    language: z.enum(languageCodes, { error: "Choose a language from the list." }),
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

export const personNameSchema = z
  .string({ error: "Enter a name." })
  .trim()
  .min(1, "Enter a name.")
  .max(200, "Use at most 200 characters.");

/** A speaker's name for one meeting; empty means back to "Speaker N". */
export const speakerNameSchema = z.string().trim().max(200, "Use at most 200 characters.");

/** Checks a chosen file before any byte is sent. */
export function fileProblem(file: File | null | undefined, maxBytes: number): string | null {
  if (!file) return "Choose a file.";
  if (file.size === 0) return "This file is empty.";
  if (file.size > maxBytes) return "This file is larger than the upload limit.";
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
