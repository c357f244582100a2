"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { toCreatedInvitation } from "@/lib/api/mappers";
import { callApi } from "@/lib/api/server";
import { ApiError } from "@/lib/errors";
import type { FormState, InviteState } from "@/lib/form-state";
import { chooseWorkspace } from "@/lib/session";
import { fieldErrors, inviteSchema, roleChangeSchema } from "@/lib/validation";

const MEMBERS_PATH = "/members";

export async function changeRole(
  workspaceId: string,
  userId: string,
  _state: FormState,
  form: FormData,
): Promise<FormState> {
  const parsed = roleChangeSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error) };
  try {
    await callApi((api) =>
      api.PATCH("/api/v1/workspaces/{workspace_id}/members/{user_id}", {
        params: { path: { workspace_id: workspaceId, user_id: userId } },
        body: { role: parsed.data.role },
      }),
    );
  } catch (error) {
    if (error instanceof ApiError) return { error: error.message };
    throw error;
  }
  revalidatePath(MEMBERS_PATH);
  return {};
}

/** Removes a member: their access ends with their next request. Returns a message when refused. */
export async function removeMember(workspaceId: string, userId: string): Promise<string | void> {
  try {
    await callApi((api) =>
      api.DELETE("/api/v1/workspaces/{workspace_id}/members/{user_id}", {
        params: { path: { workspace_id: workspaceId, user_id: userId } },
      }),
    );
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status !== 404) return error.message;
  }
  revalidatePath(MEMBERS_PATH);
}

/** Invites an address with a role; the answer carries the link, shown this one time. */
export async function invite(workspaceId: string, _state: InviteState, form: FormData): Promise<InviteState> {
  const parsed = inviteSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error) };
  let invitation;
  try {
    const created = await callApi((api) =>
      api.POST("/api/v1/workspaces/{workspace_id}/invitations", {
        params: { path: { workspace_id: workspaceId } },
        body: { email: parsed.data.email, role: parsed.data.role },
      }),
    );
    invitation = toCreatedInvitation(created);
  } catch (error) {
    if (error instanceof ApiError) return { error: error.message };
    throw error;
  }
  revalidatePath(MEMBERS_PATH);
  const { email, role, link, emailed, expiresAt } = invitation;
  return { invitation: { email, role, link, emailed, expiresAt } };
}

export async function revokeInvitation(workspaceId: string, invitationId: string): Promise<string | void> {
  try {
    await callApi((api) =>
      api.DELETE("/api/v1/workspaces/{workspace_id}/invitations/{invitation_id}", {
        params: { path: { workspace_id: workspaceId, invitation_id: invitationId } },
      }),
    );
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status !== 404) return error.message;
  }
  revalidatePath(MEMBERS_PATH);
}

/** Joins the workspace of an invitation link, then works in it. */
export async function acceptInvitation(token: string, workspaceId: string): Promise<FormState> {
  try {
    await callApi((api) => api.POST("/api/v1/invitations/{token}/accept", { params: { path: { token } } }));
  } catch (error) {
    if (error instanceof ApiError) return { error: error.message };
    throw error;
  }
  await chooseWorkspace(workspaceId);
  revalidatePath("/", "layout");
  redirect("/");
}
