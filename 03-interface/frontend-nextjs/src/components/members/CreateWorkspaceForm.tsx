"use client";

import { createWorkspace } from "@/actions/workspaces";
import { Field, FormError } from "@/components/Field";
import { useValidatedAction } from "@/components/useValidatedAction";
import { MAX_NAME_LENGTH } from "@/lib/api/limits";
import { workspaceNameSchema } from "@/lib/validation";

export function CreateWorkspaceForm() {
  const form = useValidatedAction(workspaceNameSchema, createWorkspace);
  return (
    <form onSubmit={form.onSubmit} noValidate>
      <FormError message={form.formError} />
      <Field
        name="name"
        label="Workspace name"
        placeholder="Lyon office"
        maxLength={MAX_NAME_LENGTH}
        autoComplete="off"
        error={form.errors.name}
      />
      <button type="submit" className="button" disabled={form.pending}>
        {form.pending ? "Creating…" : "Create workspace"}
      </button>
    </form>
  );
}
