/** Settings of the web server, read from its environment at request time (never sent to browsers). */
import "server-only";

const DEFAULT_API_BASE_URL = "http://127.0.0.1:8000";
const DEFAULT_MAX_UPLOAD_BYTES = 4 * 1024 ** 3; // the API's default MAX_UPLOAD_BYTES

/** Where the FastAPI backend listens, without a trailing slash. */
export function apiBaseUrl(): string {
  return (process.env.API_BASE_URL || DEFAULT_API_BASE_URL).replace(/\/+$/, "");
}

/** The API's upload limit, mirrored so the browser refuses a too-large file before sending it. */
export function maxUploadBytes(): number {
  const configured = Number(process.env.MAX_UPLOAD_BYTES);
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_MAX_UPLOAD_BYTES;
}

/**
 * `SESSION_COOKIE_SECURE=true|false` forces the session cookie's `secure` flag; unset, it is
 * secure except on plain-HTTP loopback hosts. `false` is for a trusted LAN served over plain HTTP.
 */
export function sessionCookieSecureOverride(): boolean | null {
  const value = process.env.SESSION_COOKIE_SECURE?.trim().toLowerCase();
  if (value === "true") return true;
  if (value === "false") return false;
  return null;
}
