"use client";

import { useRouter } from "next/navigation";
import { type DragEvent, type FormEvent, useRef, useState } from "react";

import { FormError } from "@/components/Field";
import { ProgressBar } from "@/components/ProgressBar";
import { formatBytes } from "@/lib/format";
import { UploadError, type UploadProgress, sendWithProgress, titleFromFileName, uploadFormData } from "@/lib/upload";
import {
  type FieldErrors,
  LANGUAGES,
  MAX_SPEAKERS,
  MEDIA_ACCEPT,
  fieldErrors,
  fileProblem,
  uploadSchema,
} from "@/lib/validation";

import styles from "./UploadForm.module.css";

interface Accepted {
  meeting_id: string;
  task_id: string;
}

type SpeakerMode = "auto" | "exact" | "range";

export function UploadForm({ maxBytes }: { maxBytes: number }) {
  const router = useRouter();
  const fileInput = useRef<HTMLInputElement>(null);
  const cancelUpload = useRef<(() => void) | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState("");
  const [speakerMode, setSpeakerMode] = useState<SpeakerMode>("auto");
  const [dragging, setDragging] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [progress, setProgress] = useState<UploadProgress | null>(null);

  const uploading = progress !== null;

  function chooseFile(chosen: File | null) {
    setFile(chosen);
    setErrors((previous) => ({ ...previous, file: undefined }));
    if (chosen && !title) setTitle(titleFromFileName(chosen.name));
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    if (!uploading) chooseFile(event.dataTransfer.files[0] ?? null);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(undefined);
    const parsed = uploadSchema.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    const problems: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error);
    const fileError = fileProblem(file, maxBytes);
    if (fileError) problems.file = fileError;
    setErrors(problems);
    if (!parsed.success || !file || fileError) return;

    setProgress({ loaded: 0, total: file.size });
    const upload = sendWithProgress<Accepted>("/api/upload", uploadFormData(file, parsed.data), setProgress);
    cancelUpload.current = upload.cancel;
    try {
      const accepted = await upload.done;
      router.push(`/meetings/${accepted.meeting_id}`);
    } catch (error) {
      setProgress(null);
      if (!(error instanceof UploadError)) throw error;
      if (error.status === 401) {
        router.push("/session-expired");
        return;
      }
      if (error.status !== 499) setFormError(error.message);
    } finally {
      cancelUpload.current = null;
    }
  }

  const percent = progress && progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0;

  return (
    <form className={`card ${styles.form}`} onSubmit={onSubmit} noValidate aria-busy={uploading}>
      <FormError message={formError} />

      <div
        className={styles.dropzone}
        data-dragging={dragging || undefined}
        data-invalid={errors.file ? true : undefined}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <input
          ref={fileInput}
          id="upload-file"
          type="file"
          name="file"
          accept={MEDIA_ACCEPT}
          className="visually-hidden"
          tabIndex={-1}
          aria-describedby={errors.file ? "upload-file-error" : undefined}
          onChange={(event) => chooseFile(event.target.files?.[0] ?? null)}
        />
        {file ? (
          <p className={styles.fileName}>
            <strong>{file.name}</strong> <span className="hint">({formatBytes(file.size)})</span>
          </p>
        ) : (
          <p className={styles.dropText}>Drop an audio or video recording here</p>
        )}
        <button
          type="button"
          className="button button-secondary"
          onClick={() => fileInput.current?.click()}
          disabled={uploading}
        >
          {file ? "Choose another file" : "Choose a file"}
        </button>
        <p className="hint">MP3, WAV, M4A, FLAC, OGG, WebM, MP4… up to {formatBytes(maxBytes)}.</p>
        {errors.file && (
          <p className="field-error" id="upload-file-error" role="alert">
            {errors.file}
          </p>
        )}
      </div>

      <div className="field">
        <label htmlFor="upload-title">Title</label>
        <input
          id="upload-title"
          name="title"
          className="input"
          value={title}
          maxLength={200}
          onChange={(event) => setTitle(event.target.value)}
          placeholder="Weekly team meeting"
          aria-invalid={errors.title ? true : undefined}
          disabled={uploading}
        />
        {errors.title && <p className="field-error">{errors.title}</p>}
      </div>

      <div className="field">
        <label htmlFor="upload-language">Language</label>
        <select id="upload-language" name="language" className="select" defaultValue="auto" disabled={uploading}>
          {LANGUAGES.map((language) => (
            <option key={language.code} value={language.code}>
              {language.name}
            </option>
          ))}
        </select>
      </div>

      <fieldset className={`field ${styles.speakers}`} disabled={uploading}>
        <legend>Expected speakers</legend>
        <div className={styles.choices}>
          {(
            [
              ["auto", "Detect automatically"],
              ["exact", "Exactly"],
              ["range", "Between"],
            ] as const
          ).map(([mode, label]) => (
            <label key={mode} className={styles.choice}>
              <input
                type="radio"
                name="speakerMode"
                value={mode}
                checked={speakerMode === mode}
                onChange={() => setSpeakerMode(mode)}
              />
              {label}
            </label>
          ))}
        </div>
        {speakerMode === "exact" && (
          <NumberInput name="numSpeakers" label="Number of speakers" error={errors.numSpeakers} />
        )}
        {speakerMode === "range" && (
          <div className={styles.range}>
            <NumberInput name="minSpeakers" label="At least" error={errors.minSpeakers} />
            <NumberInput name="maxSpeakers" label="At most" error={errors.maxSpeakers} />
          </div>
        )}
      </fieldset>

      {progress && (
        <div className={styles.progress} aria-live="polite">
          <ProgressBar percent={percent} label="Upload progress" />
          <p className="hint">
            {percent < 100
              ? `Uploading… ${percent}% (${formatBytes(progress.loaded)} of ${formatBytes(progress.total)})`
              : "Upload complete, starting the transcription…"}
          </p>
        </div>
      )}

      <div className={styles.actions}>
        {uploading ? (
          <button type="button" className="button button-secondary" onClick={() => cancelUpload.current?.()}>
            Cancel upload
          </button>
        ) : null}
        <button type="submit" className="button" disabled={uploading}>
          {uploading ? "Uploading…" : "Upload and transcribe"}
        </button>
      </div>
    </form>
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
