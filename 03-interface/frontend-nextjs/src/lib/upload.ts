/** Building the upload request the API expects and sending it with progress events (browser only). */
import { MAX_TITLE_LENGTH } from "@/lib/api/limits";
import { describeApiError, messageFromBody } from "@/lib/errors";
import type { UploadFields } from "@/lib/validation";

/** A default title from a file name: without extension, separators turned into spaces. */
export function titleFromFileName(fileName: string): string {
  const base = fileName.replace(/\.[^./\\]+$/, "");
  return base.replace(/[_]+/g, " ").replace(/\s+/g, " ").trim().slice(0, MAX_TITLE_LENGTH);
}

/** The multipart fields of `POST /api/v1/process/`; "auto" choices are simply left out. */
export function uploadFormData(file: File, fields: UploadFields): FormData {
  const data = new FormData();
  const title = fields.title.trim() || titleFromFileName(file.name);
  if (title) data.set("title", title);
  if (fields.language !== "auto") data.set("language", fields.language);
  if (fields.speakerMode === "exact" && fields.numSpeakers !== undefined) {
    data.set("num_speakers", String(fields.numSpeakers));
  }
  if (fields.speakerMode === "range") {
    if (fields.minSpeakers !== undefined) data.set("min_speakers", String(fields.minSpeakers));
    if (fields.maxSpeakers !== undefined) data.set("max_speakers", String(fields.maxSpeakers));
  }
  // The file goes last so the API has every other field before the bytes arrive.
  data.set("file", file, file.name);
  return data;
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface UploadHandle<T> {
  done: Promise<T>;
  cancel: () => void;
}

export class UploadError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "UploadError";
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The header that tells the upload route handlers which workspace the form was shown for. */
export function workspaceHeaders(workspaceId: string): Record<string, string> {
  return { "X-Workspace-Id": workspaceId };
}

/** POSTs a form with XMLHttpRequest, the one browser API that reports upload progress. */
export function sendWithProgress<T>(
  url: string,
  body: FormData,
  onProgress: (progress: UploadProgress) => void,
  headers: Record<string, string> = {},
): UploadHandle<T> {
  const xhr = new XMLHttpRequest();
  const done = new Promise<T>((resolve, reject) => {
    xhr.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) onProgress({ loaded: event.loaded, total: event.total });
    });
    xhr.addEventListener("load", () => {
      const parsed = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(parsed as T);
      } else if (xhr.status === 401) {
        reject(new UploadError(401, messageFromBody(parsed) ?? describeApiError(401, null)));
      } else {
        reject(new UploadError(xhr.status, describeApiError(xhr.status, parsed)));
      }
    });
    xhr.addEventListener("error", () => reject(new UploadError(0, describeApiError(0, null))));
    xhr.addEventListener("abort", () => reject(new UploadError(499, "The upload was cancelled.")));
    xhr.open("POST", url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.send(body);
  });
  return { done, cancel: () => xhr.abort() };
}
