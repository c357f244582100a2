"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { callApi } from "@/lib/api/server";
import { ApiError } from "@/lib/errors";
import type { FormState } from "@/lib/form-state";
import { chooseWorkspace } from "@/lib/session";
import { fieldErrors, transferSchema, workspaceNameSchema } from "@/lib/validation";
import { isUuid, pathAfterSwitch } from "@/lib/workspaces";

/** The header's switcher: remembers the workspace and shows the same page in it. */
export async function switchWorkspace(form: FormData): Promise<void> {
  const workspaceId = form.get("workspaceId");
  if (isUuid(workspaceId)) await chooseWorkspace(workspaceId);
  revalidatePath("/", "layout");
  redirect(pathAfterSwitch(form.get("path")));
}

/** A new team workspace, owned by its creator, who then works in it (starting with its members). */
export async function createWorkspace(_state: FormState, form: FormData): Promise<FormState> {
  const parsed = workspaceNameSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error) };
  let workspaceId: string;
  try {
    const workspace = await callApi((api) => api.POST("/api/v1/workspaces", { body: { name: parsed.data.name } }));
    workspaceId = workspace.id;
  } catch (error) {
    if (error instanceof ApiError) return { error: error.message };
    throw error;
  }
  await chooseWorkspace(workspaceId);
  revalidatePath("/", "layout");
  redirect("/members");
}

export async function renameWorkspace(workspaceId: string, _state: FormState, form: FormData): Promise<FormState> {
  const parsed = workspaceNameSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error) };
  try {
    await callApi((api) =>
      api.PATCH("/api/v1/workspaces/{workspace_id}", {
        params: { path: { workspace_id: workspaceId } },
        body: { name: parsed.data.name },
      }),
    );
  } catch (error) {
    if (error instanceof ApiError) return { error: error.message };
    throw error;
  }
  revalidatePath("/", "layout");
  return { message: `The workspace is now called ${parsed.data.name}.` };
}

/** Another member becomes the owner; the one transferring stays on as an admin. */
export async function transferOwnership(workspaceId: string, _state: FormState, form: FormData): Promise<FormState> {
  const parsed = transferSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error) };
  try {
    await callApi((api) =>
      api.POST("/api/v1/workspaces/{workspace_id}/transfer", {
        params: { path: { workspace_id: workspaceId } },
        body: { user_id: parsed.data.userId },
      }),
    );
  } catch (error) {
    if (error instanceof ApiError) return { error: error.message };
    throw error;
  }
  revalidatePath("/", "layout");
  return { message: "The ownership was transferred; you are now an admin of this workspace." };
}

/** Deletes a team workspace with everything in it; returns a message when that was refused. */
export async function deleteWorkspace(workspaceId: string): Promise<string | void> {
  try {
    await callApi((api) =>
      api.DELETE("/api/v1/workspaces/{workspace_id}", { params: { path: { workspace_id: workspaceId } } }),
    );
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status !== 404) return error.message;
  }
  revalidatePath("/", "layout");
  redirect("/");
}

/** Leaves a team workspace (the API refuses the last owner, with a message saying what to do). */
export async function leaveWorkspace(workspaceId: string, userId: string): Promise<string | void> {
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
  revalidatePath("/", "layout");
  redirect("/");
}
