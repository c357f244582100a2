"use client";

import { transferOwnership } from "@/actions/workspaces";
import { FormError } from "@/components/Field";
import { useValidatedAction } from "@/components/useValidatedAction";
import { transferSchema } from "@/lib/validation";

/** The owner hands the workspace to another member and stays on as an admin. */
export function TransferForm({ workspaceId, members }: { workspaceId: string; members: { userId: string; name: string }[] }) {
  const form = useValidatedAction(transferSchema, transferOwnership.bind(null, workspaceId));
  return (
    <form onSubmit={form.onSubmit} noValidate>
      <FormError message={form.formError} />
      {form.state.message && !form.formError && (
        <p className="notice notice-success" role="status">
          {form.state.message}
        </p>
      )}
      <div className="field">
        <label htmlFor="transfer-to">New owner</label>
        <select id="transfer-to" name="userId" className="select" defaultValue="">
          <option value="">Choose a member</option>
          {members.map((member) => (
            <option key={member.userId} value={member.userId}>
              {member.name}
            </option>
          ))}
        </select>
        {form.errors.userId && <p className="field-error">{form.errors.userId}</p>}
        <p className="hint">They become an owner; you stay on as an admin.</p>
      </div>
      <button type="submit" className="button button-secondary" disabled={form.pending}>
        {form.pending ? "Transferring…" : "Transfer ownership"}
      </button>
    </form>
  );
}
