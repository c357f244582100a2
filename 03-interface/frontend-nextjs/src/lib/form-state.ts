import type { FieldErrors } from "@/lib/validation";

/** What a server action tells its form: a message for the whole form and/or per field. */
export interface FormState {
  error?: string;
  fieldErrors?: FieldErrors;
  /** Set when the action succeeded without navigating away. */
  done?: boolean;
  message?: string;
}

export const EMPTY_FORM_STATE: FormState = {};
