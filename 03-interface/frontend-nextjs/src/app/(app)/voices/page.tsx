import type { Metadata } from "next";

import { AddPersonForm } from "@/components/voices/AddPersonForm";
import { DeletePersonButton } from "@/components/voices/DeletePersonButton";
import { WorkspaceHeading } from "@/components/workspaces/WorkspaceHeading";
import { listPeople } from "@/lib/api/people";
import { workspaceContext } from "@/lib/api/workspaces";
import { formatDateTime } from "@/lib/format";
import { can } from "@/lib/roles";
import { MAX_VOICE_SAMPLE_BYTES } from "@/lib/validation";

import styles from "./page.module.css";

export const metadata: Metadata = { title: "Voice bank" };

export default async function VoicesPage() {
  const { current } = await workspaceContext();
  const people = await listPeople(current.id);
  const mayEnroll = can(current.role, "enroll");
  const mayDelete = can(current.role, "manageVoiceBank");
  return (
    <>
      <WorkspaceHeading title="Voice bank" workspace={current} />
      <p className={`hint ${styles.intro}`}>
        People whose voices are enrolled here are recognised and named in this workspace&apos;s new transcripts.
      </p>
      <div className={mayEnroll ? styles.layout : undefined}>
        <section className="card" aria-labelledby="people-title">
          <h2 id="people-title">Enrolled people</h2>
          {people.length === 0 ? (
            <p className="hint">
              {mayEnroll
                ? "Nobody yet. Add a person with a voice sample, or enroll a speaker from a meeting."
                : "Nobody yet."}
            </p>
          ) : (
            <ul className={styles.list}>
              {people.map((person) => (
                <li key={person.id} className={styles.person} data-testid="person">
                  <div>
                    <p className={styles.name}>{person.name}</p>
                    <p className="hint">
                      {person.sampleCount} voice sample{person.sampleCount === 1 ? "" : "s"}
                      {person.createdAt && <> · added {formatDateTime(person.createdAt)}</>}
                    </p>
                  </div>
                  {mayDelete && <DeletePersonButton person={person} workspaceId={current.id} />}
                </li>
              ))}
            </ul>
          )}
        </section>
        {mayEnroll && (
          <section className="card" aria-labelledby="add-person-title">
            <h2 id="add-person-title">Add a person</h2>
            <AddPersonForm maxBytes={MAX_VOICE_SAMPLE_BYTES} workspaceId={current.id} />
          </section>
        )}
      </div>
    </>
  );
}
