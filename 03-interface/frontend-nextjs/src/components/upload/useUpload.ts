"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";

import { UploadError, type UploadProgress, sendWithProgress, uploadFormData, workspaceHeaders } from "@/lib/upload";
import { type FieldErrors, fieldErrors, fileProblem, uploadSchema } from "@/lib/validation";

interface Accepted {
  meeting_id: string;
  task_id: string;
}

/**
 * Checks the upload form, sends the recording with progress events and opens the new meeting.
 * Nothing is sent while a field or the file is invalid; a cancelled upload leaves no message.
 */
export function useUpload(maxBytes: number, workspaceId: string) {
  const router = useRouter();
  const cancelUpload = useRef<(() => void) | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [progress, setProgress] = useState<UploadProgress | null>(null);

  async function submit(fields: FormData, file: File | null) {
    setFormError(undefined);
    const parsed = uploadSchema.safeParse(Object.fromEntries(fields));
    const problems: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error);
    const fileError = fileProblem(file, maxBytes);
    if (fileError) problems.file = fileError;
    setErrors(problems);
    if (!parsed.success || !file || fileError) return;

    setProgress({ loaded: 0, total: file.size });
    const upload = sendWithProgress<Accepted>(
      "/api/upload",
      uploadFormData(file, parsed.data),
      setProgress,
      workspaceHeaders(workspaceId),
    );
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

  return {
    errors,
    formError,
    progress,
    uploading: progress !== null,
    submit,
    cancel: () => cancelUpload.current?.(),
    clearError: (field: string) => setErrors((previous) => ({ ...previous, [field]: undefined })),
  };
}
