"use client";

import { changeRole } from "@/actions/members";
import { FormError } from "@/components/Field";
import { useValidatedAction } from "@/components/useValidatedAction";
import { ROLE_NAMES, type Role } from "@/lib/roles";
import { roleChangeSchema } from "@/lib/validation";

import styles from "./Members.module.css";

interface RoleFormProps {
  workspaceId: string;
  member: { userId: string; name: string; role: Role };
  /** The roles the signed-in admin or owner may give this member. */
  roles: Role[];
}

/** Changes a member's role (admins up to admin; owners any). */
export function RoleForm({ workspaceId, member, roles }: RoleFormProps) {
  const form = useValidatedAction(roleChangeSchema, changeRole.bind(null, workspaceId, member.userId));
  const id = `role-${member.userId}`;
  return (
    <form className={styles.roleForm} onSubmit={form.onSubmit} noValidate>
      <FormError message={form.formError} />
      <label htmlFor={id} className="visually-hidden">
        Role of {member.name}
      </label>
      <select id={id} name="role" className="select" defaultValue={member.role} key={member.role}>
        {roles.map((role) => (
          <option key={role} value={role}>
            {ROLE_NAMES[role]}
          </option>
        ))}
      </select>
      <button type="submit" className="button button-secondary button-small" disabled={form.pending}>
        {form.pending ? "Saving…" : "Change role"}
      </button>
    </form>
  );
}
