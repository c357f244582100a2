import Link from "next/link";

import { logOut } from "@/actions/auth";

import { NavLinks } from "./NavLinks";
import styles from "./AppHeader.module.css";

export function AppHeader({ userName }: { userName: string }) {
  return (
    <header className={styles.header}>
      <div className={styles.inner}>
        <Link href="/" className={styles.brand}>
          <span aria-hidden="true" className={styles.logo}>
            ◉
          </span>
          Smart Meeting Scribe
        </Link>
        <NavLinks />
        <div className={styles.account}>
          <span className={styles.user} title={userName}>
            {userName}
          </span>
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
