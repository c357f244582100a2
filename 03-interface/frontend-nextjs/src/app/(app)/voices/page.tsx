import type { Metadata } from "next";

import { AddPersonForm } from "@/components/voices/AddPersonForm";
import { DeletePersonButton } from "@/components/voices/DeletePersonButton";
import { listPeople } from "@/lib/api/people";
import { formatDateTime } from "@/lib/format";
import { MAX_VOICE_SAMPLE_BYTES } from "@/lib/validation";

import styles from "./page.module.css";

export const metadata: Metadata = { title: "Voice bank" };

export default async function VoicesPage() {
  const people = await listPeople();
  return (
    <>
      <h1>Voice bank</h1>
      <p className={`hint ${styles.intro}`}>
        People whose voices are enrolled here are recognised and named in new transcripts.
      </p>
      <div className={styles.layout}>
        <section className="card" aria-labelledby="people-title">
          <h2 id="people-title">Enrolled people</h2>
          {people.length === 0 ? (
            <p className="hint">Nobody yet. Add a person with a voice sample, or enroll a speaker from a meeting.</p>
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
                  <DeletePersonButton person={person} />
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="add-person-title">
          <h2 id="add-person-title">Add a person</h2>
          <AddPersonForm maxBytes={MAX_VOICE_SAMPLE_BYTES} />
        </section>
      </div>
    </>
  );
}
