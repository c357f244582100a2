import type { Metadata } from "next";
import Link from "next/link";

import { AutoRefresh } from "@/components/AutoRefresh";
import { MeetingList } from "@/components/meetings/MeetingList";
import { listMeetings } from "@/lib/api/meetings";
import { isActive } from "@/lib/models";

import styles from "./page.module.css";

export const metadata: Metadata = { title: "Meetings" };

export default async function DashboardPage({ searchParams }: PageProps<"/">) {
  const { page: pageParam } = await searchParams;
  const page = Math.max(1, Number(pageParam) || 1);
  const { meetings, hasMore } = await listMeetings(page);
  return (
    <>
      <div className={styles.heading}>
        <h1>Meetings</h1>
        <Link href="/upload" className="button">
          Upload a recording
        </Link>
      </div>
      {meetings.length === 0 ? (
        <div className={`card ${styles.empty}`}>
          <p>No meetings yet.</p>
          <p className="hint">Upload a recording and its transcript will appear here, speaker by speaker.</p>
        </div>
      ) : (
        <MeetingList meetings={meetings} />
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
