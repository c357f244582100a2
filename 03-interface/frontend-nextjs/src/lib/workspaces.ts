/** Workspace helpers shared by the server and the browser; pure so they are unit-tested. */
import type { Workspace } from "@/lib/models";
import { ROLE_NAMES } from "@/lib/roles";

/** The personal workspace first, then the team workspaces by name. */
export function sortWorkspaces(workspaces: readonly Workspace[]): Workspace[] {
  return [...workspaces].sort((a, b) => {
    if (a.kind !== b.kind) return a.kind === "personal" ? -1 : 1;
    return a.name.localeCompare(b.name, "en", { sensitivity: "base" }) || a.id.localeCompare(b.id);
  });
}

/** How a workspace reads in lists: its name, with your role for a team's ("Lyon office · Admin"). */
export function workspaceLabel(workspace: Pick<Workspace, "name" | "kind" | "role">): string {
  return workspace.kind === "personal" ? workspace.name : `${workspace.name} · ${ROLE_NAMES[workspace.role]}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** Where to land after switching workspace: the same kind of page, or the dashboard from a meeting. */
export function pathAfterSwitch(pathname: unknown): string {
  if (typeof pathname !== "string" || !pathname.startsWith("/") || pathname.startsWith("//")) return "/";
  const section = pathname.split("/")[1] ?? "";
  return ["upload", "voices", "members", "audit"].includes(section) ? `/${section}` : "/";
}
