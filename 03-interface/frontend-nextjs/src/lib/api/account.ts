/** The signed-in account, read once per request. */
import "server-only";

import { cache } from "react";

import { callApi } from "./server";

export interface Account {
  id: string;
  email: string;
  displayName: string | null;
  createdAt: string;
}

export const currentAccount = cache(async (): Promise<Account> => {
  const user = await callApi((api) => api.GET("/api/v1/users/me"));
  return { id: user.id, email: user.email, displayName: user.display_name ?? null, createdAt: user.created_at };
});
