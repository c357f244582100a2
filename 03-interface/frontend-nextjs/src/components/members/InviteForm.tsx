"use client";

import { invite } from "@/actions/members";
import { CopyButton } from "@/components/CopyButton";
import { Field, FormError } from "@/components/Field";
import { useValidatedAction } from "@/components/useValidatedAction";
import type { InviteState } from "@/lib/form-state";
import { formatDateTime } from "@/lib/format";
import { ROLE_DESCRIPTIONS, ROLE_NAMES, type Role, isRole } from "@/lib/roles";
import { inviteSchema } from "@/lib/validation";

import styles from "./Members.module.css";

/** Invites an e-mail address with a role; the link is then shown this one time, with a copy button. */
export function InviteForm({ workspaceId, roles }: { workspaceId: string; roles: Role[] }) {
  const form = useValidatedAction<InviteState>(inviteSchema, invite.bind(null, workspaceId));
  const created = form.state.invitation;
  return (
    <>
      {created && !form.formError && (
        <div className={`notice notice-success ${styles.created}`} role="status" data-testid="invitation-link">
          <p>
            {created.email} is invited as {isRole(created.role) ? ROLE_NAMES[created.role].toLowerCase() : created.role}.{" "}
            {created.emailed
              ? "The link was also e-mailed to them."
              : "No e-mail was sent (the server has no mail set up): send them this link yourself."}{" "}
            It works once, until {formatDateTime(created.expiresAt)} UTC, and is not shown again.
          </p>
          <div className={styles.secret}>
            <label htmlFor="invitation-link" className="visually-hidden">
              Invitation link
            </label>
            <input id="invitation-link" className="input" readOnly value={created.link} />
            <CopyButton text={created.link} targetId="invitation-link" label="Copy link" />
          </div>
        </div>
      )}
      {/* A fresh, empty form once an invitation is made (the key changes with its link). */}
      <form key={created?.link ?? "new"} onSubmit={form.onSubmit} noValidate>
        <FormError message={form.formError} />
        <Field name="email" label="Email address" type="email" autoComplete="off" error={form.errors.email} />
        <div className="field">
          <label htmlFor="invite-role">Role</label>
          <select id="invite-role" name="role" className="select" defaultValue="member">
            {roles.map((role) => (
              <option key={role} value={role}>
                {ROLE_NAMES[role]}: {ROLE_DESCRIPTIONS[role]}
              </option>
            ))}
          </select>
          {form.errors.role && <p className="field-error">{form.errors.role}</p>}
        </div>
        <button type="submit" className="button" disabled={form.pending}>
          {form.pending ? "Inviting…" : "Invite"}
        </button>
      </form>
    </>
  );
}
