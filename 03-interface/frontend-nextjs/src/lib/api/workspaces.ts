/** Workspaces, members, invitations, the audit log and API keys, read from the API on the server. */
import "server-only";

import { notFound } from "next/navigation";
import { cache } from "react";

import { ApiError } from "@/lib/errors";
import type { ApiKey, AuditEvent, InvitationPreview, Member, PendingInvitation, Workspace } from "@/lib/models";
import { chosenWorkspaceId } from "@/lib/session";
import { sortWorkspaces } from "@/lib/workspaces";

import { toApiKey, toAuditEvent, toInvitationPreview, toMember, toPendingInvitation, toWorkspace } from "./mappers";
import { callApi } from "./server";

export interface WorkspaceContext {
  /** Personal first, then the team workspaces by name. */
  workspaces: Workspace[];
  /** The one the switcher chose, or the personal one (also when the chosen one is no longer yours). */
  current: Workspace;
}

/** Read once per request (the layout, the page and its components share it). */
export const workspaceContext = cache(async (): Promise<WorkspaceContext> => {
  const [list, chosen] = await Promise.all([callApi((api) => api.GET("/api/v1/workspaces")), chosenWorkspaceId()]);
  const workspaces = sortWorkspaces(list.items.map(toWorkspace));
  const current =
    workspaces.find((workspace) => workspace.id === chosen) ??
    workspaces.find((workspace) => workspace.kind === "personal") ??
    workspaces[0];
  if (!current) throw new ApiError(500, "This account has no workspace.");
  return { workspaces, current };
});

/** The header that names the workspace a collection call acts in. */
export function inWorkspace(workspaceId: string): { header: { "X-Workspace-Id": string } } {
  return { header: { "X-Workspace-Id": workspaceId } };
}

export async function listMembers(workspaceId: string): Promise<Member[]> {
  const page = await callApi((api) =>
    api.GET("/api/v1/workspaces/{workspace_id}/members", { params: { path: { workspace_id: workspaceId } } }),
  );
  return page.items.map(toMember);
}

export async function listInvitations(workspaceId: string): Promise<PendingInvitation[]> {
  const page = await callApi((api) =>
    api.GET("/api/v1/workspaces/{workspace_id}/invitations", { params: { path: { workspace_id: workspaceId } } }),
  );
  return page.items.map(toPendingInvitation);
}

export const AUDIT_EVENTS_PER_PAGE = 50;

export async function auditPage(
  workspaceId: string,
  page: number,
): Promise<{ events: AuditEvent[]; total: number; hasMore: boolean }> {
  const offset = (page - 1) * AUDIT_EVENTS_PER_PAGE;
  const result = await callApi((api) =>
    api.GET("/api/v1/workspaces/{workspace_id}/audit", {
      params: { path: { workspace_id: workspaceId }, query: { offset, limit: AUDIT_EVENTS_PER_PAGE } },
    }),
  );
  return {
    events: result.items.map(toAuditEvent),
    total: result.total,
    hasMore: offset + result.items.length < result.total,
  };
}

export type InvitationLookup =
  | { state: "open"; invitation: InvitationPreview }
  | { state: "gone"; message: string }
  | { state: "unknown" };

/** What an invitation link invites to, or why it can no longer be used (410) or is unknown (404). */
export async function previewInvitation(token: string): Promise<InvitationLookup> {
  try {
    const preview = await callApi((api) =>
      api.GET("/api/v1/invitations/{token}", { params: { path: { token } } }),
    );
    return { state: "open", invitation: toInvitationPreview(preview) };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 410) return { state: "gone", message: error.message };
    // 422: not even shaped like an invitation token.
    if (error.status === 404 || error.status === 422) return { state: "unknown" };
    throw error;
  }
}

export async function listApiKeys(): Promise<ApiKey[]> {
  const page = await callApi((api) => api.GET("/api/v1/api-keys"));
  const now = Date.now();
  return page.items.map((key) => toApiKey(key, now));
}

/** A workspace of the person's, by id; the 404 page otherwise. */
export async function workspaceOrNotFound(workspaceId: string): Promise<Workspace> {
  const { workspaces } = await workspaceContext();
  return workspaces.find((workspace) => workspace.id === workspaceId) ?? notFound();
}
