import type { Metadata } from "next";
import Link from "next/link";

import { AutoRefresh } from "@/components/AutoRefresh";
import { DeleteMeetingButton } from "@/components/meetings/DeleteMeetingButton";
import { ExportButtons } from "@/components/meetings/ExportButtons";
import { MeetingStatus } from "@/components/meetings/MeetingStatus";
import { RenameMeetingForm } from "@/components/meetings/RenameMeetingForm";
import { TranscriptWorkspace } from "@/components/transcript/TranscriptWorkspace";
import { getMeeting, getTranscript } from "@/lib/api/meetings";
import { listPeople } from "@/lib/api/people";
import { workspaceContext } from "@/lib/api/workspaces";
import { formatDateTime, formatDuration } from "@/lib/format";
import { isActive } from "@/lib/models";
import { ROLE_NAMES, can } from "@/lib/roles";

import styles from "./page.module.css";

export const metadata: Metadata = { title: "Meeting" };

export default async function MeetingPage({ params }: PageProps<"/meetings/[id]">) {
  const { id } = await params;
  const [meeting, { workspaces }] = await Promise.all([getMeeting(id), workspaceContext()]);
  // The API shows a meeting only to members of its workspace, whichever workspace is chosen.
  const workspace = workspaces.find((candidate) => candidate.id === meeting.workspaceId);
  const role = workspace?.role ?? "viewer";
  const completed = meeting.status === "completed";
  const [transcript, people] = completed
    ? await Promise.all([getTranscript(id), listPeople(meeting.workspaceId)])
    : [null, []];

  return (
    <>
      <nav className={styles.back}>
        <Link href="/">← All meetings</Link>
      </nav>
      <header className={styles.header}>
        <div className={styles.titleBlock}>
          <h1>{meeting.title}</h1>
          <p className="hint">
            <time dateTime={meeting.createdAt}>{formatDateTime(meeting.createdAt)}</time>
            {meeting.durationS != null && <> · {formatDuration(meeting.durationS)}</>}
            {meeting.language && <> · language: {meeting.language.toUpperCase()}</>}
            {workspace && workspace.kind === "team" && (
              <>
                {" "}
                · in {workspace.name} (your role: {ROLE_NAMES[role].toLowerCase()})
              </>
            )}
          </p>
          {can(role, "editTranscript") && <RenameMeetingForm meetingId={meeting.id} title={meeting.title} />}
        </div>
        {can(role, "deleteMeeting") && <DeleteMeetingButton meeting={meeting} goHome />}
      </header>

      {transcript ? (
        <>
          <ExportButtons meetingId={meeting.id} />
          <TranscriptWorkspace
            meetingId={meeting.id}
            transcript={transcript}
            people={people}
            mayRename={can(role, "editTranscript")}
            mayEnroll={can(role, "enroll")}
          />
        </>
      ) : (
        <section className={`card ${styles.pending}`} aria-label="Processing status">
          <MeetingStatus meeting={meeting} />
          {isActive(meeting.status) && (
            <p className="hint">The transcript appears here as soon as it is ready; this page updates by itself.</p>
          )}
        </section>
      )}
      <AutoRefresh active={isActive(meeting.status)} />
    </>
  );
}
