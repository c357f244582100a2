"use client";

import { renameWorkspace } from "@/actions/workspaces";
import { Field, FormError } from "@/components/Field";
import { useValidatedAction } from "@/components/useValidatedAction";
import { MAX_NAME_LENGTH } from "@/lib/api/limits";
import { workspaceNameSchema } from "@/lib/validation";

export function RenameWorkspaceForm({ workspaceId, name }: { workspaceId: string; name: string }) {
  const form = useValidatedAction(workspaceNameSchema, renameWorkspace.bind(null, workspaceId));
  return (
    <form onSubmit={form.onSubmit} noValidate>
      <FormError message={form.formError} />
      {form.state.message && !form.formError && (
        <p className="notice notice-success" role="status">
          {form.state.message}
        </p>
      )}
      <Field
        id="workspace-name"
        name="name"
        label="Workspace name"
        defaultValue={name}
        maxLength={MAX_NAME_LENGTH}
        autoComplete="off"
        error={form.errors.name}
      />
      <button type="submit" className="button button-secondary" disabled={form.pending}>
        {form.pending ? "Saving…" : "Rename workspace"}
      </button>
    </form>
  );
}
