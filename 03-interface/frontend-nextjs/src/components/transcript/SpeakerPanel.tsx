"use client";

import type { CSSProperties } from "react";

import { enrollSpeaker, linkSpeaker, renameSpeaker } from "@/actions/meetings";
import { Field, FormError } from "@/components/Field";
import { useValidatedAction } from "@/components/useValidatedAction";
import { MAX_NAME_LENGTH } from "@/lib/api/limits";
import { formatDuration } from "@/lib/format";
import type { Person, Transcript } from "@/lib/models";
import type { SpeakerInfo } from "@/lib/speakers";
import { enrollSchema, linkSchema, renameSchema } from "@/lib/validation";

import styles from "./SpeakerPanel.module.css";

interface SpeakerPanelProps {
  meetingId: string;
  speakers: SpeakerInfo[];
  transcript: Transcript;
  people: Person[];
  mayRename: boolean;
  mayEnroll: boolean;
}

export function SpeakerPanel({ meetingId, speakers, transcript, people, mayRename, mayEnroll }: SpeakerPanelProps) {
  const speech = new Map(transcript.speakers.map((speaker) => [speaker.label, speaker.speechS]));
  return (
    <section className={`card ${styles.panel}`} aria-labelledby="speakers-title">
      <h2 id="speakers-title">Speakers</h2>
      <ul className={styles.list}>
        {speakers.map((speaker) => (
          <SpeakerItem
            key={speaker.label}
            meetingId={meetingId}
            speaker={speaker}
            speechS={speech.get(speaker.label) ?? null}
            people={people}
            mayRename={mayRename}
            mayEnroll={mayEnroll}
          />
        ))}
      </ul>
    </section>
  );
}

interface SpeakerItemProps {
  meetingId: string;
  speaker: SpeakerInfo;
  speechS: number | null;
  people: Person[];
  mayRename: boolean;
  mayEnroll: boolean;
}

function SpeakerItem({ meetingId, speaker, speechS, people, mayRename, mayEnroll }: SpeakerItemProps) {
  const rename = useValidatedAction(renameSchema, renameSpeaker.bind(null, meetingId, speaker.label));
  const link = useValidatedAction(linkSchema, linkSpeaker.bind(null, meetingId, speaker.label));
  const enroll = useValidatedAction(enrollSchema, enrollSpeaker.bind(null, meetingId, speaker.label));
  const linkedPerson = people.find((person) => person.id === speaker.personId);
  const idPrefix = `speaker-${speaker.index}`;

  return (
    <li className={styles.item} style={{ "--speaker-color": speaker.color } as CSSProperties} data-testid="speaker">
      <p className={styles.identity}>
        <span className={styles.swatch} aria-hidden="true" />
        <span className={styles.name}>{speaker.name}</span>
        {speaker.name !== speaker.defaultName && <span className="hint">({speaker.defaultName})</span>}
      </p>
      <p className="hint">
        {speechS !== null && <>Speaks {formatDuration(speechS)}. </>}
        {linkedPerson ? <>Linked to {linkedPerson.name} in the voice bank.</> : null}
      </p>

      {mayRename && (
        <form className={styles.inline} onSubmit={rename.onSubmit} noValidate>
          <FormError message={rename.formError} />
          <label htmlFor={`${idPrefix}-name`} className={styles.label}>
            Rename {speaker.name}
          </label>
          <div className={styles.row}>
            <input
              id={`${idPrefix}-name`}
              name="name"
              className="input"
              defaultValue={speaker.name === speaker.defaultName ? "" : speaker.name}
              placeholder={speaker.defaultName}
              maxLength={MAX_NAME_LENGTH}
              title={`Leave empty to go back to “${speaker.defaultName}”`}
              aria-invalid={rename.errors.name ? true : undefined}
              aria-describedby={rename.errors.name ? `${idPrefix}-name-error` : undefined}
            />
            <button type="submit" className="button button-secondary" disabled={rename.pending}>
              {rename.pending ? "Saving…" : "Rename"}
            </button>
          </div>
          {rename.errors.name && (
            <p className="field-error" id={`${idPrefix}-name-error`} role="alert">
              {rename.errors.name}
            </p>
          )}
        </form>
      )}

      {mayEnroll && (
        <details className={styles.details}>
          <summary>This is…</summary>
          {people.length > 0 && (
            <form className={styles.inline} onSubmit={link.onSubmit} noValidate>
              <FormError message={link.formError} />
              <div className="field">
                <label htmlFor={`${idPrefix}-person`}>A person in your voice bank</label>
                <select
                  id={`${idPrefix}-person`}
                  name="personId"
                  className="select"
                  defaultValue={speaker.personId ?? ""}
                  aria-invalid={link.errors.personId ? true : undefined}
                >
                  <option value="">Choose a person</option>
                  {people.map((person) => (
                    <option key={person.id} value={person.id}>
                      {person.name}
                    </option>
                  ))}
                </select>
                {link.errors.personId && <p className="field-error">{link.errors.personId}</p>}
              </div>
              <button type="submit" className="button button-secondary button-small" disabled={link.pending}>
                {link.pending ? "Linking…" : "Link and learn this voice"}
              </button>
            </form>
          )}
          <form className={styles.inline} onSubmit={enroll.onSubmit} noValidate>
            <FormError message={enroll.formError} />
            {enroll.state.message && !enroll.formError && (
              <p className="notice notice-success" role="status">
                {enroll.state.message}
              </p>
            )}
            <Field
              id={`${idPrefix}-enroll`}
              name="name"
              label="Or add a new person with this voice"
              placeholder="Full name"
              maxLength={MAX_NAME_LENGTH}
              error={enroll.errors.name}
            />
            <button type="submit" className="button button-secondary button-small" disabled={enroll.pending}>
              {enroll.pending ? "Enrolling…" : "Enroll new person"}
            </button>
          </form>
        </details>
      )}
    </li>
  );
}
