import Link from "next/link";

import { logOut } from "@/actions/auth";
import type { Workspace } from "@/lib/models";

import { NavLinks } from "./NavLinks";
import { WorkspaceSwitcher } from "./WorkspaceSwitcher";
import styles from "./AppHeader.module.css";

interface AppHeaderProps {
  userName: string;
  workspaces: Workspace[];
  current: Workspace;
}

export function AppHeader({ userName, workspaces, current }: AppHeaderProps) {
  return (
    <header className={styles.header}>
      <div className={styles.inner}>
        <Link href="/" className={styles.brand}>
          <span aria-hidden="true" className={styles.logo}>
            ◉
          </span>
          Smart Meeting Scribe
        </Link>
        <WorkspaceSwitcher workspaces={workspaces} currentId={current.id} />
        <NavLinks role={current.role} />
        <div className={styles.account}>
          <Link href="/account" className={styles.user} title={`Your account: ${userName}`}>
            {userName}
          </Link>
          <Link href="/account" className={styles.accountCompact}>
            Account
          </Link>
          <Link href="/api-keys" className={styles.accountLink}>
            API keys
          </Link>
          <form action={logOut}>
            <button type="submit" className="button button-secondary button-small">
              Log out
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
