"use client";

import { logIn } from "@/actions/auth";
import { loginSchema } from "@/lib/validation";

import { AuthForm, EMAIL_FIELD, passwordField } from "./AuthForm";

const FIELDS = [EMAIL_FIELD, passwordField("current-password")];

export function LoginForm({ next }: { next: string }) {
  return (
    <AuthForm schema={loginSchema} action={logIn} fields={FIELDS} submitLabel="Log in" pendingLabel="Logging in…">
      <input type="hidden" name="next" value={next} />
    </AuthForm>
  );
}
