"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useRef } from "react";

import { switchWorkspace } from "@/actions/workspaces";
import type { Workspace } from "@/lib/models";
import { workspaceLabel } from "@/lib/workspaces";

import styles from "./AppHeader.module.css";

/**
 * The workspace the pages work in: choosing one remembers it (a cookie, set by a server action)
 * and shows the same page in it. Personal first, then the team workspaces with your role.
 */
export function WorkspaceSwitcher({ workspaces, currentId }: { workspaces: Workspace[]; currentId: string }) {
  const pathname = usePathname();
  const form = useRef<HTMLFormElement>(null);
  const personal = workspaces.filter((workspace) => workspace.kind === "personal");
  const teams = workspaces.filter((workspace) => workspace.kind === "team");

  return (
    <div className={styles.workspace}>
      <form ref={form} action={switchWorkspace} className={styles.switcher}>
        <label htmlFor="workspace-switcher" className="visually-hidden">
          Current workspace
        </label>
        <input type="hidden" name="path" value={pathname} />
        <select
          id="workspace-switcher"
          name="workspaceId"
          className={`select ${styles.select}`}
          defaultValue={currentId}
          key={currentId}
          onChange={() => form.current?.requestSubmit()}
        >
          {personal.map((workspace) => (
            <option key={workspace.id} value={workspace.id}>
              {workspaceLabel(workspace)}
            </option>
          ))}
          {teams.length > 0 && (
            <optgroup label="Team workspaces">
              {teams.map((workspace) => (
                <option key={workspace.id} value={workspace.id}>
                  {workspaceLabel(workspace)}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </form>
      <Link href="/workspaces/new" className={styles.newWorkspace}>
        New workspace
      </Link>
    </div>
  );
}
