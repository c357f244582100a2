/**
 * Roles in a workspace and what each may do, mirroring the API's policy (`app/core/authorization.py`)
 * so pages only offer what the API will accept. The API still decides every request.
 */
import type { components } from "@/lib/api/schema";

export type Role = components["schemas"]["Role"];

/** Lowest to highest: each role may do everything the ones before it may. */
export const ROLES = ["viewer", "member", "admin", "owner"] as const satisfies readonly Role[];

// Fails to compile should the API's roles ever differ from the list above.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type RolesMatchTheApi = Assert<Same<Role, (typeof ROLES)[number]>>;

export const ROLE_NAMES: Record<Role, string> = {
  viewer: "Viewer",
  member: "Member",
  admin: "Admin",
  owner: "Owner",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: "reads and exports meetings",
  member: "also uploads, edits transcripts and enrolls voices",
  admin: "also deletes meetings and voices, manages members, reads the audit log",
  owner: "also renames or deletes the workspace and transfers its ownership",
};

/** The API's actions and the least role each needs (its REQUIRED_ROLE). */
export const REQUIRED_ROLE = {
  read: "viewer",
  export: "viewer",
  upload: "member",
  editTranscript: "member",
  enroll: "member",
  deleteMeeting: "admin",
  manageVoiceBank: "admin",
  manageMembers: "admin",
  readAudit: "admin",
  manageWorkspace: "owner",
} as const satisfies Record<string, Role>;

export type Action = keyof typeof REQUIRED_ROLE;

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function rank(role: Role): number {
  return ROLES.indexOf(role);
}

export function atLeast(role: Role, needed: Role): boolean {
  return rank(role) >= rank(needed);
}

/** Whether someone with `role` may do `action` (null: not a member at all). */
export function can(role: Role | null | undefined, action: Action): boolean {
  return role != null && atLeast(role, REQUIRED_ROLE[action]);
}

/**
 * The roles `actor` may give a member whose role is now `current` (null for someone invited):
 * admins manage roles up to admin, only owners touch owners or make new ones (the API's may_assign).
 * Empty when the actor may not change that member at all.
 */
export function assignableRoles(actor: Role, current: Role | null): Role[] {
  if (!atLeast(actor, "admin")) return [];
  const ceiling: Role = actor === "owner" ? "owner" : "admin";
  if (current !== null && rank(current) > rank(ceiling)) return [];
  return ROLES.filter((role) => rank(role) <= rank(ceiling));
}

/** The roles an API key may have: at most its user's in the workspace. */
export function keyRoles(held: Role): Role[] {
  return ROLES.filter((role) => rank(role) <= rank(held));
}
