"use server";

import { revalidatePath } from "next/cache";

import { callApi } from "@/lib/api/server";
import { inWorkspace } from "@/lib/api/workspaces";
import { ApiError } from "@/lib/errors";

/** Removes a person of a workspace's voice bank and their voice samples; returns a message when that failed. */
export async function deletePerson(workspaceId: string, personId: string): Promise<string | void> {
  try {
    await callApi((api) =>
      api.DELETE("/api/v1/identities/{person_id}", {
        params: { path: { person_id: personId }, ...inWorkspace(workspaceId) },
      }),
    );
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status !== 404) return error.message;
  }
  revalidatePath("/voices");
}
