"use client";

import { renameMeeting } from "@/actions/meetings";
import { FormError } from "@/components/Field";
import { useValidatedAction } from "@/components/useValidatedAction";
import { MAX_TITLE_LENGTH } from "@/lib/api/limits";
import { meetingTitleSchema } from "@/lib/validation";

import styles from "./RenameMeetingForm.module.css";

/** "Edit title", folded away until wanted (members and above). */
export function RenameMeetingForm({ meetingId, title }: { meetingId: string; title: string }) {
  const rename = useValidatedAction(meetingTitleSchema, renameMeeting.bind(null, meetingId));
  return (
    <details className={styles.details}>
      <summary>Edit title</summary>
      <form className={styles.form} onSubmit={rename.onSubmit} noValidate>
        <FormError message={rename.formError} />
        <label htmlFor="meeting-title" className="visually-hidden">
          Meeting title
        </label>
        <div className={styles.row}>
          <input
            id="meeting-title"
            name="title"
            className="input"
            defaultValue={title}
            key={title}
            maxLength={MAX_TITLE_LENGTH}
            aria-invalid={rename.errors.title ? true : undefined}
            aria-describedby={rename.errors.title ? "meeting-title-error" : undefined}
          />
          <button type="submit" className="button button-secondary" disabled={rename.pending}>
            {rename.pending ? "Saving…" : "Save title"}
          </button>
        </div>
        {rename.errors.title && (
          <p className="field-error" id="meeting-title-error" role="alert">
            {rename.errors.title}
          </p>
        )}
      </form>
    </details>
  );
}
