import type { FieldErrors } from "@/lib/validation";

/** What a server action tells its form: a message for the whole form and/or per field. */
export interface FormState {
  error?: string;
  fieldErrors?: FieldErrors;
  /** A confirmation to show when the action succeeded without navigating away. */
  message?: string;
}

/** What the invitation form shows once an invitation is made: its link, this one time. */
export interface InviteState extends FormState {
  invitation?: { email: string; role: string; link: string; emailed: boolean; expiresAt: string };
}

/** What the API key form shows once a key is made: its token, this one time. */
export interface ApiKeyState extends FormState {
  created?: { name: string; token: string };
}
