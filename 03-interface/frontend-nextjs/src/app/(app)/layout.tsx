import type { ReactNode } from "react";

import { AppHeader } from "@/components/layout/AppHeader";
import { currentAccount } from "@/lib/api/account";
import { workspaceContext } from "@/lib/api/workspaces";

import styles from "./app.module.css";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const [user, { workspaces, current }] = await Promise.all([currentAccount(), workspaceContext()]);
  return (
    <>
      <AppHeader userName={user.displayName || user.email} workspaces={workspaces} current={current} />
      <main id="main" className={styles.main}>
        {children}
      </main>
    </>
  );
}
