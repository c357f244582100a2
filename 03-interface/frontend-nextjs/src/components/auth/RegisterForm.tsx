"use client";

import { register } from "@/app/actions/auth";
import { Field, FormError } from "@/components/Field";
import { useValidatedAction } from "@/components/useValidatedAction";
import { PASSWORD_MIN_LENGTH, registerSchema } from "@/lib/validation";

import styles from "@/app/(auth)/auth.module.css";

export function RegisterForm() {
  const { errors, pending, onSubmit, formError } = useValidatedAction(registerSchema, register);
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormError message={formError} />
      <Field name="fullName" label="Name (optional)" autoComplete="name" error={errors.fullName} />
      <Field name="email" label="Email" type="email" autoComplete="email" required error={errors.email} />
      <Field
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        error={errors.password}
      />
      <Field
        name="confirmPassword"
        label="Repeat the password"
        type="password"
        autoComplete="new-password"
        required
        error={errors.confirmPassword}
      />
      <button className={`button ${styles.submit}`} type="submit" disabled={pending}>
        {pending ? "Creating your account…" : "Create account"}
      </button>
    </form>
  );
}
