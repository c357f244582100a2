"use server";

import { redirect } from "next/navigation";

import { callApi } from "@/lib/api/server";
import { ApiError } from "@/lib/errors";
import type { FormState } from "@/lib/form-state";
import { safeNextPath } from "@/lib/navigation";
import { endSession, startSession } from "@/lib/session";
import { fieldErrors, loginSchema, registerSchema } from "@/lib/validation";

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
  redirect("/");
}

export async function logOut(): Promise<void> {
  await endSession();
  redirect("/login");
}
