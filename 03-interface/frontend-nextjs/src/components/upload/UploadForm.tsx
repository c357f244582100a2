"use client";

import { useState } from "react";

import { FormError } from "@/components/Field";
import { titleFromFileName } from "@/lib/upload";

import { FilePicker } from "./FilePicker";
import { MeetingDetailsFields } from "./MeetingDetailsFields";
import { SpeakerCountFields } from "./SpeakerCountFields";
import { UploadStatus } from "./UploadStatus";
import { useUpload } from "./useUpload";
import styles from "./UploadForm.module.css";

/** The upload form of one workspace: the recording goes to the workspace the page was shown for. */
export function UploadForm({ maxBytes, workspaceId }: { maxBytes: number; workspaceId: string }) {
  const upload = useUpload(maxBytes, workspaceId);
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState("");

  function chooseFile(chosen: File | null) {
    setFile(chosen);
    upload.clearError("file");
    if (chosen && !title) setTitle(titleFromFileName(chosen.name));
  }

  return (
    <form
      className={`card ${styles.form}`}
      onSubmit={(event) => {
        event.preventDefault();
        return upload.submit(new FormData(event.currentTarget), file);
      }}
      noValidate
      aria-busy={upload.uploading}
    >
      <FormError message={upload.formError} />
      <FilePicker file={file} onChoose={chooseFile} maxBytes={maxBytes} disabled={upload.uploading} error={upload.errors.file} />
      <MeetingDetailsFields
        title={title}
        onTitleChange={setTitle}
        disabled={upload.uploading}
        titleError={upload.errors.title}
      />
      <SpeakerCountFields errors={upload.errors} disabled={upload.uploading} />
      {upload.progress && <UploadStatus progress={upload.progress} />}
      <div className={styles.actions}>
        {upload.uploading ? (
          <button type="button" className="button button-secondary" onClick={upload.cancel}>
            Cancel upload
          </button>
        ) : null}
        <button type="submit" className="button" disabled={upload.uploading}>
          {upload.uploading ? "Uploading…" : "Upload and transcribe"}
        </button>
      </div>
    </form>
  );
}
