"use client";

import { useId, useRef, useState, useTransition } from "react";

import styles from "./ConfirmButton.module.css";

interface ConfirmButtonProps {
  /** Visible button text; "Delete" unless given. */
  label?: string;
  /** Accessible name that says what is affected, e.g. "Delete meeting Weekly sync". */
  accessibleLabel: string;
  title: string;
  description: string;
  confirmLabel: string;
  /** What the confirm button says while the action runs; "Deleting…" unless given. */
  pendingLabel?: string;
  /** Returns an error message to show, or nothing when done. */
  onConfirm: () => Promise<string | void>;
}

/** A destructive action behind a modal confirmation dialog (native <dialog>: focus and Escape work). */
export function ConfirmButton({
  label = "Delete",
  accessibleLabel,
  title,
  description,
  confirmLabel,
  pendingLabel = "Deleting…",
  onConfirm,
}: ConfirmButtonProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function confirm() {
    startTransition(async () => {
      const problem = await onConfirm();
      if (problem) {
        setError(problem);
      } else {
        dialog.current?.close();
      }
    });
  }

  return (
    <>
      <button
        type="button"
        className="button button-danger button-small"
        aria-label={accessibleLabel}
        onClick={() => {
          setError(null);
          dialog.current?.showModal();
        }}
      >
        {label}
      </button>
      <dialog ref={dialog} className={styles.dialog} aria-labelledby={titleId}>
        <h2 id={titleId}>{title}</h2>
        <p>{description}</p>
        {error && (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        )}
        <div className={styles.actions}>
          <button type="button" className="button button-secondary" onClick={() => dialog.current?.close()} autoFocus>
            Cancel
          </button>
          <button type="button" className="button button-danger" onClick={confirm} disabled={pending}>
            {pending ? pendingLabel : confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
