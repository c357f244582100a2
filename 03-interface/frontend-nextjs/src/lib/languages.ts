/** The languages the upload form offers: Whisper's, as the API's spec lists them (`api/limits.ts`). */
import { LANGUAGE_NAMES, type LanguageCode } from "@/lib/api/limits";
import type { operations } from "@/lib/api/schema";

/** Every code the API accepts. */
export const LANGUAGE_CODES = Object.keys(LANGUAGE_NAMES) as [LanguageCode, ...LanguageCode[]];

/** The languages most people here choose, offered first (in this order) after automatic detection. */
export const COMMON_LANGUAGES = ["fr", "en", "de", "es", "it", "nl", "pt"] as const satisfies readonly LanguageCode[];

/** What the upload form may send: automatic detection or one of the API's codes. */
export const LANGUAGE_CHOICES = ["auto", ...LANGUAGE_CODES] as const;

export type LanguageChoice = (typeof LANGUAGE_CHOICES)[number];

export interface LanguageOption {
  code: LanguageChoice;
  name: string;
}

const common = new Set<LanguageCode>(COMMON_LANGUAGES);

/** "Detect automatically", the common languages, then every other one alphabetically by name. */
export const LANGUAGE_OPTIONS: readonly LanguageOption[] = [
  { code: "auto", name: "Detect automatically" },
  ...COMMON_LANGUAGES.map((code) => ({ code, name: LANGUAGE_NAMES[code] })),
  ...LANGUAGE_CODES.filter((code) => !common.has(code))
    .map((code) => ({ code, name: LANGUAGE_NAMES[code] }))
    .sort((a, b) => a.name.localeCompare(b.name, "en")),
];

// The generated list and the upload body's `language` enum come from the same spec; this fails to
// compile should they ever disagree.
type UploadLanguage = NonNullable<
  operations["process-upload"]["requestBody"]["content"]["multipart/form-data"]["language"]
>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type LanguagesMatchTheUploadBody = Assert<Same<LanguageCode, UploadLanguage>>;
