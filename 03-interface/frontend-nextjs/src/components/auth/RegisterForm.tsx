"use client";

import { register } from "@/actions/auth";
import { MAX_NAME_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/api/limits";
import { registerSchema } from "@/lib/validation";

import { AuthForm, type AuthField, EMAIL_FIELD, passwordField } from "./AuthForm";

const FIELDS: AuthField[] = [
  { name: "fullName", label: "Name (optional)", autoComplete: "name", maxLength: MAX_NAME_LENGTH },
  EMAIL_FIELD,
  passwordField("new-password", `At least ${MIN_PASSWORD_LENGTH} characters.`),
  { name: "confirmPassword", label: "Repeat the password", type: "password", autoComplete: "new-password", required: true },
];

export function RegisterForm({ next }: { next: string }) {
  return (
    <AuthForm
      schema={registerSchema}
      action={register}
      fields={FIELDS}
      submitLabel="Create account"
      pendingLabel="Creating your account…"
    >
      <input type="hidden" name="next" value={next} />
    </AuthForm>
  );
}
