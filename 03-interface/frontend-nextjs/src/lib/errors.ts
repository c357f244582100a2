/**
 * API errors in words a person understands. The API sends one JSON error shape; we show its
 * message when it has one and otherwise say what the status means for the person.
 */

const STATUS_MESSAGES: Record<number, string> = {
  400: "The request was not accepted. Check the form and try again.",
  401: "Your session has ended. Please log in again.",
  403: "You are not allowed to do that.",
  404: "This item does not exist or is not yours.",
  409: "This already exists.",
  413: "The file is larger than the upload limit.",
  415: "This file type is not supported. Upload an audio or video recording.",
  422: "Some of the information sent is not valid.",
  429: "Too many requests. Wait a moment and try again.",
  503: "The service is temporarily unavailable. Try again in a minute.",
};

const FALLBACK = "Something went wrong on our side. Try again in a minute.";
const NETWORK = "The server could not be reached. Check your connection and try again.";

function textOf(value: unknown): string | null {
  return typeof value === "string" && value.trim() ? value.trim() : null;
}

/** "the uploaded file is empty" → "The uploaded file is empty." */
export function asSentence(text: string): string {
  const capitalised = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?…)]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** "title: String should have at most 300 characters" for each invalid field the API listed. */
function fieldMessages(details: unknown): string[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((item) => {
    const record = asRecord(item);
    const message = textOf(record?.message) ?? textOf(record?.msg);
    if (!message) return [];
    const location = Array.isArray(record?.loc) ? record.loc.filter((part) => part !== "body") : [];
    const field = location.at(-1);
    return [field !== undefined ? `${String(field)}: ${message}` : message];
  });
}

/**
 * The human message inside an API error body. The API answers
 * `{"error": {"code", "message", "details"}}`; validation errors list fields in `details`.
 */
export function messageFromBody(body: unknown): string | null {
  const record = asRecord(body);
  if (!record) return textOf(body);
  const error = asRecord(record.error);
  if (error) {
    const fields = fieldMessages(error.details);
    if (error.code === "validation_error" && fields.length > 0) {
      return `Some of the information sent is not valid (${fields.join("; ")}).`;
    }
    return textOf(error.message);
  }
  return textOf(record.message) ?? textOf(record.detail);
}

/** What to tell the person about a failed API call. Status 0 means the request never got an answer. */
export function describeApiError(status: number, body: unknown): string {
  if (status === 0) return NETWORK;
  // An unexpected server error's text is for operators, not for the person using the page.
  if (status === 500) return FALLBACK;
  const message = messageFromBody(body);
  return message ? asSentence(message) : (STATUS_MESSAGES[status] ?? FALLBACK);
}

/** An API call that failed, carrying what the person should read. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}
