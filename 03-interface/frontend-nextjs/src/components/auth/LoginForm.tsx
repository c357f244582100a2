"use client";

import { logIn } from "@/app/actions/auth";
import { Field, FormError } from "@/components/Field";
import { useValidatedAction } from "@/components/useValidatedAction";
import { loginSchema } from "@/lib/validation";

import styles from "@/app/(auth)/auth.module.css";

export function LoginForm({ next }: { next: string }) {
  const { errors, pending, onSubmit, formError } = useValidatedAction(loginSchema, logIn);
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormError message={formError} />
      <input type="hidden" name="next" value={next} />
      <Field name="email" label="Email" type="email" autoComplete="email" required error={errors.email} />
      <Field
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        error={errors.password}
      />
      <button className={`button ${styles.submit}`} type="submit" disabled={pending}>
        {pending ? "Logging in…" : "Log in"}
      </button>
    </form>
  );
}
