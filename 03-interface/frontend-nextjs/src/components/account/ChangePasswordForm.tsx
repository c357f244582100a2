"use client";

import { changePassword } from "@/actions/auth";
import { Field, FormError } from "@/components/Field";
import { useValidatedAction } from "@/components/useValidatedAction";
import { MIN_PASSWORD_LENGTH } from "@/lib/api/limits";
import { passwordChangeSchema } from "@/lib/validation";

/** A new password; the API then signs out every other session of the account (this one stays). */
export function ChangePasswordForm() {
  const form = useValidatedAction(passwordChangeSchema, changePassword);
  return (
    <form onSubmit={form.onSubmit} noValidate>
      <FormError message={form.formError} />
      {form.state.message && !form.formError && (
        <p className="notice notice-success" role="status">
          {form.state.message}
        </p>
      )}
      <Field
        name="currentPassword"
        label="Current password"
        type="password"
        autoComplete="current-password"
        error={form.errors.currentPassword}
      />
      <Field
        name="newPassword"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        error={form.errors.newPassword}
      />
      <Field
        name="confirmPassword"
        label="Repeat the new password"
        type="password"
        autoComplete="new-password"
        error={form.errors.confirmPassword}
      />
      <button type="submit" className="button" disabled={form.pending}>
        {form.pending ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
