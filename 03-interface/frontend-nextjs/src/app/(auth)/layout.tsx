import type { ReactNode } from "react";

import styles from "./auth.module.css";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main id="main" className={styles.page}>
      <div className={styles.brand}>
        <span className={styles.logo} aria-hidden="true">
          ◉
        </span>
        Smart Meeting Scribe
      </div>
      <div className={`card ${styles.panel}`}>{children}</div>
    </main>
  );
}
