"use client";

import { useState } from "react";

import { MAX_SPEAKERS } from "@/lib/api/limits";
import type { FieldErrors } from "@/lib/validation";

import styles from "./SpeakerCountFields.module.css";

type SpeakerMode = "auto" | "exact" | "range";

const MODES: readonly (readonly [SpeakerMode, string])[] = [
  ["auto", "Detect automatically"],
  ["exact", "Exactly"],
  ["range", "Between"],
];

/** How many people speak: detected, an exact number, or a range (the numbers the API accepts). */
export function SpeakerCountFields({ errors, disabled }: { errors: FieldErrors; disabled: boolean }) {
  const [mode, setMode] = useState<SpeakerMode>("auto");
  return (
    <fieldset className={`field ${styles.speakers}`} disabled={disabled}>
      <legend>Expected speakers</legend>
      <div className={styles.choices}>
        {MODES.map(([value, label]) => (
          <label key={value} className={styles.choice}>
            <input
              type="radio"
              name="speakerMode"
              value={value}
              checked={mode === value}
              onChange={() => setMode(value)}
            />
            {label}
          </label>
        ))}
      </div>
      {mode === "exact" && <NumberInput name="numSpeakers" label="Number of speakers" error={errors.numSpeakers} />}
      {mode === "range" && (
        <div className={styles.range}>
          <NumberInput name="minSpeakers" label="At least" error={errors.minSpeakers} />
          <NumberInput name="maxSpeakers" label="At most" error={errors.maxSpeakers} />
        </div>
      )}
    </fieldset>
  );
}

function NumberInput({ name, label, error }: { name: string; label: string; error?: string }) {
  const id = `upload-${name}`;
  return (
    <div className={styles.number}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="number"
        inputMode="numeric"
        min={1}
        max={MAX_SPEAKERS}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
