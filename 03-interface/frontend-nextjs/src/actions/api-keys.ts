"use server";

import { revalidatePath } from "next/cache";

import { callApi } from "@/lib/api/server";
import { ApiError } from "@/lib/errors";
import type { ApiKeyState } from "@/lib/form-state";
import { apiKeySchema, fieldErrors } from "@/lib/validation";

const API_KEYS_PATH = "/api-keys";

/** A key for one workspace with a role up to the person's there; its token is shown this one time. */
export async function createApiKey(_state: ApiKeyState, form: FormData): Promise<ApiKeyState> {
  const parsed = apiKeySchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error) };
  const { name, workspaceId, role, expiresInDays } = parsed.data;
  let token: string;
  try {
    const created = await callApi((api) =>
      api.POST("/api/v1/api-keys", {
        body: { name, workspace_id: workspaceId, role, expires_in_days: expiresInDays ?? null },
      }),
    );
    token = created.token;
  } catch (error) {
    if (error instanceof ApiError) return { error: error.message };
    throw error;
  }
  revalidatePath(API_KEYS_PATH);
  return { created: { name, token } };
}

/** Revokes a key: it is refused from its next request on. Returns a message when that failed. */
export async function revokeApiKey(keyId: string): Promise<string | void> {
  try {
    await callApi((api) => api.DELETE("/api/v1/api-keys/{key_id}", { params: { path: { key_id: keyId } } }));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status !== 404) return error.message;
  }
  revalidatePath(API_KEYS_PATH);
}
