/** The voice bank of a workspace, read from the API on the server. */
import "server-only";

import type { Person } from "@/lib/models";

import { toPerson } from "./mappers";
import { callApi } from "./server";
import { inWorkspace } from "./workspaces";

export async function listPeople(workspaceId: string): Promise<Person[]> {
  const page = await callApi((api) => api.GET("/api/v1/identities", { params: inWorkspace(workspaceId) }));
  return page.items.map(toPerson).sort((a, b) => a.name.localeCompare(b.name));
}
