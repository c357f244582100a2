/** The voice bank, read from the API on the server. */
import "server-only";

import type { Person } from "@/lib/models";

import { toPerson } from "./mappers";
import { callApi } from "./server";

export async function listPeople(): Promise<Person[]> {
  const page = await callApi((api) => api.GET("/api/v1/identities"));
  return page.items.map(toPerson).sort((a, b) => a.name.localeCompare(b.name));
}
