"use client";

import { deleteAccount } from "@/actions/auth";
import { Field, FormError } from "@/components/Field";
import { useValidatedAction } from "@/components/useValidatedAction";
import { accountDeletionSchema } from "@/lib/validation";

/**
 * Deletes the account after its password. The API refuses while the account is the last owner of
 * a workspace others still use; its message (which workspace, what to do) is shown as it is.
 */
export function DeleteAccountForm() {
  const form = useValidatedAction(accountDeletionSchema, deleteAccount);
  return (
    <form onSubmit={form.onSubmit} noValidate>
      <FormError message={form.formError} />
      <Field
        id="delete-password"
        name="password"
        label="Your password, to confirm"
        type="password"
        autoComplete="current-password"
        error={form.errors.password}
      />
      <button type="submit" className="button button-danger" disabled={form.pending}>
        {form.pending ? "Deleting…" : "Delete my account"}
      </button>
    </form>
  );
}
