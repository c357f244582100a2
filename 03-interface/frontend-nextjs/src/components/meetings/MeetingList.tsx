import Link from "next/link";

import { formatDateTime, formatDuration } from "@/lib/format";
import type { MeetingSummary } from "@/lib/models";

import { DeleteMeetingButton } from "./DeleteMeetingButton";
import { MeetingStatus } from "./MeetingStatus";
import styles from "./MeetingList.module.css";

/** The workspace's meetings; the delete button shows only to roles that may delete (admins and owners). */
export function MeetingList({ meetings, mayDelete }: { meetings: MeetingSummary[]; mayDelete: boolean }) {
  return (
    <ul className={styles.list} aria-label="Meetings">
      {meetings.map((meeting) => (
        <li key={meeting.id} className={styles.item} data-testid="meeting-row">
          <div className={styles.main}>
            <Link href={`/meetings/${meeting.id}`} className={styles.title}>
              {meeting.title}
            </Link>
            <p className={styles.meta}>
              <time dateTime={meeting.createdAt}>{formatDateTime(meeting.createdAt)}</time>
              {meeting.durationS != null && (
                <>
                  <span aria-hidden="true"> · </span>
                  <span>{formatDuration(meeting.durationS)}</span>
                </>
              )}
              {meeting.numSpeakers != null && (
                <>
                  <span aria-hidden="true"> · </span>
                  <span>
                    {meeting.numSpeakers} speaker{meeting.numSpeakers === 1 ? "" : "s"}
                  </span>
                </>
              )}
            </p>
          </div>
          <div className={styles.status}>
            <MeetingStatus meeting={meeting} />
          </div>
          {mayDelete && (
            <div className={styles.actions}>
              <DeleteMeetingButton meeting={meeting} />
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
