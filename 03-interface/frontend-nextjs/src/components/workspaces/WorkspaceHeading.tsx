import type { Workspace } from "@/lib/models";
import { ROLE_NAMES } from "@/lib/roles";

import styles from "./WorkspaceHeading.module.css";

/** A page's title with the workspace it shows and the person's role there. */
export function WorkspaceHeading({
  title,
  workspace,
  standalone = false,
}: {
  title: string;
  workspace: Workspace;
  /** Alone on its row (not beside a button): keeps the page's usual space below it. */
  standalone?: boolean;
}) {
  return (
    <div className={standalone ? `${styles.block} page-heading` : styles.block}>
      <h1>{title}</h1>
      <p className="hint" data-testid="workspace-context">
        {workspace.kind === "personal" ? (
          <>Your personal workspace</>
        ) : (
          <>
            {workspace.name} · your role: {ROLE_NAMES[workspace.role].toLowerCase()}
          </>
        )}
      </p>
    </div>
  );
}
