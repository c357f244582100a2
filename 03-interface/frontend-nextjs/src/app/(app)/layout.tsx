import type { ReactNode } from "react";

import { AppHeader } from "@/components/layout/AppHeader";
import { callApi } from "@/lib/api/server";

import styles from "./app.module.css";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await callApi((api) => api.GET("/api/v1/users/me"));
  return (
    <>
      <AppHeader userName={user.display_name || user.email} />
      <main id="main" className={styles.main}>
        {children}
      </main>
    </>
  );
}
