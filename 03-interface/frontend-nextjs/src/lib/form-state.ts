import type { FieldErrors } from "@/lib/validation";

/** What a server action tells its form: a message for the whole form and/or per field. */
export interface FormState {
  error?: string;
  fieldErrors?: FieldErrors;
  /** A confirmation to show when the action succeeded without navigating away. */
  message?: string;
}
