import type { Metadata } from "next";

import { CreateApiKeyForm } from "@/components/api-keys/CreateApiKeyForm";
import { RevokeApiKeyButton } from "@/components/api-keys/RevokeApiKeyButton";
import { listApiKeys, workspaceContext } from "@/lib/api/workspaces";
import { formatDateTime } from "@/lib/format";
import type { ApiKey } from "@/lib/models";
import { ROLE_NAMES } from "@/lib/roles";

import styles from "../audit/page.module.css";

export const metadata: Metadata = { title: "API keys" };

function keyState(key: ApiKey): { active: boolean; text: string } {
  if (key.revokedAt) return { active: false, text: `Revoked ${formatDateTime(key.revokedAt)}` };
  if (key.expired && key.expiresAt) return { active: false, text: `Expired ${formatDateTime(key.expiresAt)}` };
  return { active: true, text: key.expiresAt ? `Expires ${formatDateTime(key.expiresAt)}` : "Never expires" };
}

export default async function ApiKeysPage() {
  const [{ workspaces, current }, keys] = await Promise.all([workspaceContext(), listApiKeys()]);
  const names = new Map(workspaces.map((workspace) => [workspace.id, workspace.name]));

  return (
    <>
      <h1>API keys</h1>
      <p className="hint page-heading">
        Keys let scripts use the API as you, in one workspace, with a role up to yours there: send{" "}
        <code>Authorization: Bearer sms_…</code>. A key never has more rights than you have now.
      </p>
      <div className="narrow">
        <section className="card page-heading" aria-labelledby="new-key-title">
          <h2 id="new-key-title">New key</h2>
          <CreateApiKeyForm workspaces={workspaces} currentId={current.id} />
        </section>
      </div>
      <section className="card" aria-labelledby="keys-title">
        <h2 id="keys-title">Your keys</h2>
        {keys.length === 0 ? (
          <p className="hint">No keys yet.</p>
        ) : (
          <div className={styles.scroll}>
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Workspace · role</th>
                  <th scope="col">Prefix</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {keys.map((key) => {
                  const state = keyState(key);
                  return (
                    <tr key={key.id} data-testid="api-key">
                      <td>{key.name}</td>
                      <td>
                        {names.get(key.workspaceId) ?? "a workspace you left"} · {ROLE_NAMES[key.role]}
                      </td>
                      <td className={styles.from}>{key.prefix}…</td>
                      <td className={styles.nowrap}>{formatDateTime(key.createdAt)}</td>
                      <td className={styles.nowrap}>{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : "Never"}</td>
                      <td>{state.text}</td>
                      <td>{state.active && <RevokeApiKeyButton apiKey={key} />}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
