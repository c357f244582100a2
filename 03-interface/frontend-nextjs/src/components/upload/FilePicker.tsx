"use client";

import { type DragEvent, useRef, useState } from "react";

import { formatBytes } from "@/lib/format";
import { MEDIA_ACCEPT } from "@/lib/validation";

import styles from "./FilePicker.module.css";

interface FilePickerProps {
  file: File | null;
  onChoose: (file: File | null) => void;
  maxBytes: number;
  disabled: boolean;
  error?: string;
}

/** The recording: dropped on the zone or chosen with the button (the input itself stays hidden). */
export function FilePicker({ file, onChoose, maxBytes, disabled, error }: FilePickerProps) {
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    if (!disabled) onChoose(event.dataTransfer.files[0] ?? null);
  }

  return (
    <div
      className={styles.dropzone}
      data-dragging={dragging || undefined}
      data-invalid={error ? true : undefined}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <input
        ref={input}
        id="upload-file"
        type="file"
        name="file"
        accept={MEDIA_ACCEPT}
        className="visually-hidden"
        tabIndex={-1}
        aria-describedby={error ? "upload-file-error" : undefined}
        onChange={(event) => onChoose(event.target.files?.[0] ?? null)}
      />
      {file ? (
        <p className={styles.fileName}>
          <strong>{file.name}</strong> <span className="hint">({formatBytes(file.size)})</span>
        </p>
      ) : (
        <p className={styles.dropText}>Drop an audio or video recording here</p>
      )}
      <button type="button" className="button button-secondary" onClick={() => input.current?.click()} disabled={disabled}>
        {file ? "Choose another file" : "Choose a file"}
      </button>
      <p className="hint">MP3, WAV, M4A, FLAC, OGG, WebM, MP4… up to {formatBytes(maxBytes)}.</p>
      {error && (
        <p className="field-error" id="upload-file-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
