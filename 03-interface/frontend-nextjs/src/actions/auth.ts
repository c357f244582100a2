"use server";

import { redirect } from "next/navigation";

import { callApi } from "@/lib/api/server";
import { ApiError } from "@/lib/errors";
import type { FormState } from "@/lib/form-state";
import { safeNextPath } from "@/lib/navigation";
import { endSession, sessionToken, startSession } from "@/lib/session";
import {
  accountDeletionSchema,
  fieldErrors,
  loginSchema,
  passwordChangeSchema,
  registerSchema,
} from "@/lib/validation";

async function logInWith(email: string, password: string): Promise<void> {
  const token = await callApi((api) => api.POST("/api/v1/auth/login", { body: { email, password } }), {
    anonymous: true,
  });
  await startSession(token.access_token);
}

export async function logIn(_state: FormState, form: FormData): Promise<FormState> {
  const parsed = loginSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error) };
  try {
    await logInWith(parsed.data.email, parsed.data.password);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { error: error.status === 401 ? "Wrong email or password." : error.message };
  }
  redirect(safeNextPath(form.get("next")));
}

export async function register(_state: FormState, form: FormData): Promise<FormState> {
  const parsed = registerSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error) };
  const { email, password, fullName } = parsed.data;
  try {
    await callApi(
      (api) => api.POST("/api/v1/auth/register", { body: { email, password, display_name: fullName || null } }),
      { anonymous: true },
    );
    await logInWith(email, password);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 409) return { fieldErrors: { email: "An account with this email already exists." } };
    return { error: error.message };
  }
  redirect(safeNextPath(form.get("next")));
}

/**
 * Ends the session at the API first (its token is refused from then on, wherever it was copied),
 * then forgets the cookie. A token the API already refuses (401) or an API that cannot be reached
 * does not keep the person signed in here.
 */
export async function logOut(form?: FormData): Promise<void> {
  const token = await sessionToken();
  if (token) {
    try {
      await callApi((api) => api.POST("/api/v1/auth/logout"), { refusalIsAnError: true });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.status !== 401) console.error("logout: the API did not end the session", error.status, error.message);
    }
  }
  await endSession();
  // "Log out and sign in as …" (an invitation for another address) comes back to where it was.
  const next = safeNextPath(form?.get("next"), "");
  redirect(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
}

/** A wrong password (403 `wrong_password`: the session itself is fine) is shown on its field. */
function wrongPassword(error: ApiError, field: string): FormState | null {
  return error.status === 403 ? { fieldErrors: { [field]: error.message } } : null;
}

/** A new password: the API ends every other session and gives this one a new token. */
export async function changePassword(_state: FormState, form: FormData): Promise<FormState> {
  const parsed = passwordChangeSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error) };
  try {
    const token = await callApi((api) =>
      api.POST("/api/v1/auth/password", {
        body: { current_password: parsed.data.currentPassword, new_password: parsed.data.newPassword },
      }),
    );
    await startSession(token.access_token);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return wrongPassword(error, "currentPassword") ?? { error: error.message };
  }
  return { message: "Your password was changed. Every other session of this account has been signed out." };
}

/** Deletes the account after its password; the API refuses (409) while it is a shared workspace's last owner. */
export async function deleteAccount(_state: FormState, form: FormData): Promise<FormState> {
  const parsed = accountDeletionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error) };
  try {
    await callApi((api) => api.DELETE("/api/v1/users/me", { body: { password: parsed.data.password } }));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return wrongPassword(error, "password") ?? { error: error.message };
  }
  await endSession();
  redirect("/login?deleted=1");
}
