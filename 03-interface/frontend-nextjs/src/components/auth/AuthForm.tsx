"use client";

import type { ComponentProps, ReactNode } from "react";
import type { z } from "zod";

import { Field, FormError } from "@/components/Field";
import { useValidatedAction } from "@/components/useValidatedAction";
import type { FormState } from "@/lib/form-state";

import styles from "@/app/(auth)/auth.module.css";

/** One input of an account form; its error comes from the field of the same name. */
export type AuthField = Omit<ComponentProps<typeof Field>, "error">;

export const EMAIL_FIELD: AuthField = { name: "email", label: "Email", type: "email", autoComplete: "email", required: true };

/** The password input; `autoComplete` tells password managers whether it is a new one. */
export function passwordField(autoComplete: "current-password" | "new-password", hint?: string): AuthField {
  return { name: "password", label: "Password", type: "password", autoComplete, required: true, hint };
}

interface AuthFormProps {
  schema: z.ZodType;
  action: (state: FormState, data: FormData) => Promise<FormState>;
  fields: AuthField[];
  submitLabel: string;
  pendingLabel: string;
  /** Hidden inputs sent along with the fields. */
  children?: ReactNode;
}

/** A log-in or registration form: checked in the browser, then sent to its server action. */
export function AuthForm({ schema, action, fields, submitLabel, pendingLabel, children }: AuthFormProps) {
  const { errors, pending, onSubmit, formError } = useValidatedAction(schema, action);
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormError message={formError} />
      {children}
      {fields.map((field) => (
        <Field key={field.name} {...field} error={errors[field.name]} />
      ))}
      <button className={`button ${styles.submit}`} type="submit" disabled={pending}>
        {pending ? pendingLabel : submitLabel}
      </button>
    </form>
  );
}
