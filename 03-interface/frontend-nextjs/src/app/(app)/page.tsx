import type { Metadata } from "next";
import Link from "next/link";

import { AutoRefresh } from "@/components/AutoRefresh";
import { MeetingList } from "@/components/meetings/MeetingList";
import { WorkspaceHeading } from "@/components/workspaces/WorkspaceHeading";
import { listMeetings } from "@/lib/api/meetings";
import { workspaceContext } from "@/lib/api/workspaces";
import { isActive } from "@/lib/models";
import { can } from "@/lib/roles";

import styles from "./page.module.css";

export const metadata: Metadata = { title: "Meetings" };

export default async function DashboardPage({ searchParams }: PageProps<"/">) {
  const { page: pageParam } = await searchParams;
  const page = Math.max(1, Number(pageParam) || 1);
  const { current } = await workspaceContext();
  const { meetings, hasMore } = await listMeetings(current.id, page);
  const mayUpload = can(current.role, "upload");
  return (
    <>
      <div className={styles.heading}>
        <WorkspaceHeading title="Meetings" workspace={current} />
        {mayUpload && (
          <Link href="/upload" className="button">
            Upload a recording
          </Link>
        )}
      </div>
      {meetings.length === 0 ? (
        <div className={`card ${styles.empty}`}>
          <p>No meetings yet.</p>
          <p className="hint">
            {mayUpload
              ? "Upload a recording and its transcript will appear here, speaker by speaker."
              : "Meetings appear here once a member of this workspace uploads a recording."}
          </p>
        </div>
      ) : (
        <MeetingList meetings={meetings} mayDelete={can(current.role, "deleteMeeting")} />
      )}
      {(page > 1 || hasMore) && (
        <nav aria-label="Pages" className={styles.pager}>
          {page > 1 && (
            <Link className="button button-secondary button-small" href={page === 2 ? "/" : `/?page=${page - 1}`}>
              Newer
            </Link>
          )}
          {hasMore && (
            <Link className="button button-secondary button-small" href={`/?page=${page + 1}`}>
              Older
            </Link>
          )}
        </nav>
      )}
      <AutoRefresh active={meetings.some((meeting) => isActive(meeting.status))} />
    </>
  );
}
