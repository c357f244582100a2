import type { Metadata } from "next";
import Link from "next/link";

import { WorkspaceHeading } from "@/components/workspaces/WorkspaceHeading";
import { auditPage, workspaceContext } from "@/lib/api/workspaces";
import { actionName, detailPairs } from "@/lib/audit";
import { formatDateTime } from "@/lib/format";
import { can } from "@/lib/roles";

import styles from "./page.module.css";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: PageProps<"/audit">) {
  const { current } = await workspaceContext();
  if (!can(current.role, "readAudit")) {
    return (
      <>
        <WorkspaceHeading title="Audit log" workspace={current} standalone />
        <p className="notice notice-info" role="status">
          Only admins and owners of {current.name} can read its audit log.
        </p>
      </>
    );
  }
  const { page: pageParam } = await searchParams;
  const page = Math.max(1, Number(pageParam) || 1);
  const { events, total, hasMore } = await auditPage(current.id, page);

  return (
    <>
      <WorkspaceHeading title="Audit log" workspace={current} standalone />
      <section className="card" aria-labelledby="audit-title">
        <h2 id="audit-title" className="visually-hidden">
          Events
        </h2>
        <p className="hint">
          Who did what in this workspace, newest first · {total} event{total === 1 ? "" : "s"}
        </p>
        {events.length === 0 ? (
          <p>Nothing here{page > 1 ? " on this page" : " yet"}.</p>
        ) : (
          <div className={styles.scroll}>
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">When (UTC)</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                  <th scope="col">Details</th>
                  <th scope="col">From</th>
                </tr>
              </thead>
              <tbody>
                {events.map((event) => (
                  <tr key={event.id} data-testid="audit-event">
                    <td className={styles.nowrap}>
                      <time dateTime={event.createdAt}>{formatDateTime(event.createdAt)}</time>
                    </td>
                    <td>
                      {event.actorEmail ?? "a deleted account"}
                      {event.viaApiKey && <span className="hint"> (API key)</span>}
                    </td>
                    <td>
                      {actionName(event.action)}
                      <span className={`hint ${styles.code}`}>{event.action}</span>
                    </td>
                    <td>
                      {detailPairs(event.details).map(([key, value]) => (
                        <span key={key} className={styles.detail}>
                          {key}: {value}
                        </span>
                      ))}
                      {event.targetType && (
                        <span className={`hint ${styles.detail}`}>
                          {event.targetType} {event.targetId}
                        </span>
                      )}
                    </td>
                    <td className={styles.from} title={event.userAgent ?? undefined}>
                      {event.clientIp ?? "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {(page > 1 || hasMore) && (
        <nav aria-label="Pages" className={styles.pager}>
          {page > 1 && (
            <Link className="button button-secondary button-small" href={page === 2 ? "/audit" : `/audit?page=${page - 1}`}>
              Newer
            </Link>
          )}
          {hasMore && (
            <Link className="button button-secondary button-small" href={`/audit?page=${page + 1}`}>
              Older
            </Link>
          )}
        </nav>
      )}
    </>
  );
}
