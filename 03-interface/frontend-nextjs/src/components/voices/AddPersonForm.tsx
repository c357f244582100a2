"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useRef, useState } from "react";

import { Field, FormError } from "@/components/Field";
import { ProgressBar } from "@/components/ProgressBar";
import { MAX_NAME_LENGTH } from "@/lib/api/limits";
import { UploadError, sendWithProgress, workspaceHeaders } from "@/lib/upload";
import { type FieldErrors, MEDIA_ACCEPT, fieldErrors, fileProblem, personSchema } from "@/lib/validation";

/** Adds a person with a voice sample to the voice bank of the workspace the page was shown for. */
export function AddPersonForm({ maxBytes, workspaceId }: { maxBytes: number; workspaceId: string }) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [added, setAdded] = useState<string>();
  const [percent, setPercent] = useState<number | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(undefined);
    setAdded(undefined);
    const data = new FormData(event.currentTarget);
    const sample = data.get("sample");
    const file = sample instanceof File && sample.name ? sample : null;
    const parsed = personSchema.safeParse({ name: data.get("name") });
    const problems: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error);
    const fileError = fileProblem(file, maxBytes);
    if (fileError) problems.sample = fileError;
    setErrors(problems);
    if (!parsed.success || !file || fileError) return;

    const body = new FormData();
    body.set("name", parsed.data.name);
    body.set("sample", file, file.name);
    setPercent(0);
    try {
      await sendWithProgress(
        "/api/identities",
        body,
        ({ loaded, total }) => setPercent(Math.round((loaded / total) * 100)),
        workspaceHeaders(workspaceId),
      ).done;
      setAdded(`${parsed.data.name} was added.`);
      form.current?.reset();
      router.refresh();
    } catch (error) {
      if (!(error instanceof UploadError)) throw error;
      if (error.status === 401) {
        router.push("/session-expired");
        return;
      }
      setFormError(error.message);
    } finally {
      setPercent(null);
    }
  }

  return (
    <form ref={form} onSubmit={onSubmit} noValidate aria-busy={percent !== null}>
      <FormError message={formError} />
      {added && (
        <p className="notice notice-success" role="status">
          {added}
        </p>
      )}
      <Field name="name" label="Name" autoComplete="off" maxLength={MAX_NAME_LENGTH} error={errors.name} />
      <Field
        name="sample"
        label="Voice sample"
        type="file"
        accept={MEDIA_ACCEPT}
        hint="10 seconds to a few minutes of this person speaking alone."
        error={errors.sample}
      />
      {percent !== null && <ProgressBar percent={percent} label="Upload progress" />}
      <button type="submit" className="button" disabled={percent !== null}>
        {percent !== null ? "Adding…" : "Add person"}
      </button>
    </form>
  );
}
