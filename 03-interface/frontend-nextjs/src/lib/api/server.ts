/**
 * The typed API client for server code. The token never leaves the web server: it is read from
 * the httpOnly cookie here and sent to the API as a bearer header.
 */
import "server-only";

import createClient, { type Client } from "openapi-fetch";

import { apiBaseUrl } from "@/lib/config";
import { ApiError, describeApiError } from "@/lib/errors";
import { redirectToLogin, sessionToken } from "@/lib/session";

import type { paths } from "./schema";

export type ApiClient = Client<paths>;

interface FetchOutcome<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** A client for one request; anonymous (no header) when the person has no session. */
export async function apiClient(token?: string): Promise<ApiClient> {
  const bearer = token ?? (await sessionToken());
  return createClient<paths>({
    baseUrl: apiBaseUrl(),
    headers: bearer ? { Authorization: `Bearer ${bearer}` } : {},
    cache: "no-store",
  });
}

interface CallOptions {
  /** Send no token (log in, register). */
  anonymous?: boolean;
  /** A 401 becomes an ApiError instead of a trip to the login page (logout: the caller goes there anyway). */
  refusalIsAnError?: boolean;
}

/**
 * Runs one API call and returns its data. A refused token sends the person to log in;
 * any other failure becomes an ApiError whose message can be shown as is.
 */
export async function callApi<T>(
  request: (client: ApiClient) => Promise<FetchOutcome<T>>,
  options: CallOptions = {},
): Promise<T> {
  const client = await apiClient(options.anonymous ? "" : undefined);
  let outcome: FetchOutcome<T>;
  try {
    outcome = await request(client);
  } catch {
    throw new ApiError(0, describeApiError(0, null));
  }
  const { status } = outcome.response;
  if (status === 401 && !options.anonymous && !options.refusalIsAnError) redirectToLogin();
  if (!outcome.response.ok) throw new ApiError(status, describeApiError(status, outcome.error));
  return outcome.data as T;
}
