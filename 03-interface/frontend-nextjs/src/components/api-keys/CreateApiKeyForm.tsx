"use client";

import { useState } from "react";

import { createApiKey } from "@/actions/api-keys";
import { CopyButton } from "@/components/CopyButton";
import { Field, FormError } from "@/components/Field";
import styles from "@/components/members/Members.module.css";
import { useValidatedAction } from "@/components/useValidatedAction";
import { MAX_NAME_LENGTH } from "@/lib/api/limits";
import type { ApiKeyState } from "@/lib/form-state";
import type { Workspace } from "@/lib/models";
import { ROLE_NAMES, keyRoles } from "@/lib/roles";
import { MAX_API_KEY_DAYS, apiKeySchema } from "@/lib/validation";
import { workspaceLabel } from "@/lib/workspaces";

/** A new key for one workspace with a role up to yours there; its token is shown this one time. */
export function CreateApiKeyForm({ workspaces, currentId }: { workspaces: Workspace[]; currentId: string }) {
  const form = useValidatedAction<ApiKeyState>(apiKeySchema, createApiKey);
  const [workspaceId, setWorkspaceId] = useState(currentId);
  const held = workspaces.find((workspace) => workspace.id === workspaceId)?.role ?? "viewer";
  const roles = keyRoles(held);
  const created = form.state.created;

  return (
    <>
      {created && !form.formError && (
        <div className={`notice notice-success ${styles.created}`} role="status" data-testid="api-key-token">
          <p>
            The key “{created.name}” was created. Copy its token now: it is not shown again. Send it as{" "}
            <code>Authorization: Bearer …</code>.
          </p>
          <div className={styles.secret}>
            <label htmlFor="api-key-token" className="visually-hidden">
              API key token
            </label>
            <input id="api-key-token" className="input" readOnly value={created.token} />
            <CopyButton text={created.token} targetId="api-key-token" label="Copy token" />
          </div>
        </div>
      )}
      {/* A fresh, empty form once a key is made (the key changes with its token). */}
      <form key={created?.token ?? "new"} onSubmit={form.onSubmit} noValidate>
        <FormError message={form.formError} />
        <Field
          name="name"
          label="Name"
          placeholder="Nightly export script"
          maxLength={MAX_NAME_LENGTH}
          autoComplete="off"
          error={form.errors.name}
        />
        <div className="field">
          <label htmlFor="key-workspace">Workspace</label>
          <select
            id="key-workspace"
            name="workspaceId"
            className="select"
            value={workspaceId}
            onChange={(event) => setWorkspaceId(event.target.value)}
          >
            {workspaces.map((workspace) => (
              <option key={workspace.id} value={workspace.id}>
                {workspaceLabel(workspace)}
              </option>
            ))}
          </select>
          {form.errors.workspaceId && <p className="field-error">{form.errors.workspaceId}</p>}
        </div>
        <div className="field">
          <label htmlFor="key-role">Role</label>
          <select
            id="key-role"
            name="role"
            className="select"
            key={held}
            defaultValue={roles.includes("member") ? "member" : roles.at(-1)}
          >
            {roles.map((role) => (
              <option key={role} value={role}>
                {ROLE_NAMES[role]}
              </option>
            ))}
          </select>
          <p className="hint">At most your own role in that workspace ({ROLE_NAMES[held].toLowerCase()}).</p>
          {form.errors.role && <p className="field-error">{form.errors.role}</p>}
        </div>
        <Field
          name="expiresInDays"
          label="Expires after (days, optional)"
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_API_KEY_DAYS}
          hint="Leave empty for a key that never expires (revoke it when it is no longer needed)."
          error={form.errors.expiresInDays}
        />
        <button type="submit" className="button" disabled={form.pending}>
          {form.pending ? "Creating…" : "Create key"}
        </button>
      </form>
    </>
  );
}
