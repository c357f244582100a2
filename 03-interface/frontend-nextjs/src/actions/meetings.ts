"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";

import { callApi } from "@/lib/api/server";
import { ApiError } from "@/lib/errors";
import type { FormState } from "@/lib/form-state";
import { enrollSchema, fieldErrors, linkSchema, meetingTitleSchema, renameSchema } from "@/lib/validation";

function meetingPath(meetingId: string): string {
  return `/meetings/${meetingId}`;
}

/** Turns an API failure into form state; anything else is a bug and propagates. */
function failure(error: unknown): FormState {
  if (error instanceof ApiError) return { error: error.message };
  throw error;
}

/** Deletes a meeting; returns a message when it could not be deleted. */
export async function deleteMeeting(meetingId: string, goHome: boolean): Promise<string | void> {
  try {
    await callApi((api) => api.DELETE("/api/v1/meetings/{meeting_id}", { params: { path: { meeting_id: meetingId } } }));
  } catch (error) {
    if (error instanceof ApiError && error.status !== 404) return error.message;
    if (!(error instanceof ApiError)) throw error;
  }
  revalidatePath("/");
  if (goHome) redirect("/");
}

/** Gives the meeting a new title. */
export async function renameMeeting(meetingId: string, _state: FormState, form: FormData): Promise<FormState> {
  const parsed = meetingTitleSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error) };
  try {
    await callApi((api) =>
      api.PATCH("/api/v1/meetings/{meeting_id}", {
        params: { path: { meeting_id: meetingId } },
        body: { title: parsed.data.title },
      }),
    );
  } catch (error) {
    return failure(error);
  }
  revalidatePath(meetingPath(meetingId));
  revalidatePath("/");
  return { message: "The title was changed." };
}

async function setSpeakerName(meetingId: string, label: string, speaker: { name: string } | null): Promise<void> {
  await callApi((api) =>
    api.PATCH("/api/v1/meetings/{meeting_id}", {
      params: { path: { meeting_id: meetingId } },
      body: { speaker_names: { [label]: speaker } },
    }),
  );
}

/**
 * Enrolls the speaker's clean speech into a person (new when `name` is given); the API also names
 * the speaker after that person for the whole meeting.
 */
async function enroll(meetingId: string, label: string, target: { person_id: string } | { name: string }) {
  return callApi((api) =>
    api.POST("/api/v1/meetings/{meeting_id}/speakers/{label}/enroll", {
      params: { path: { meeting_id: meetingId, label } },
      body: target,
    }),
  );
}

/**
 * A speaker form's action: validates the fields, makes the change and refreshes the pages it
 * affects; an API failure becomes the form's message.
 */
async function changeSpeaker<Fields>(
  form: FormData,
  schema: z.ZodType<Fields>,
  change: (fields: Fields) => Promise<unknown>,
  affected: string[],
  success: (fields: Fields) => FormState = () => ({}),
): Promise<FormState> {
  const parsed = schema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error) };
  try {
    await change(parsed.data);
  } catch (error) {
    return failure(error);
  }
  for (const path of affected) revalidatePath(path);
  return success(parsed.data);
}

/** Names a speaker for the whole meeting; an empty name goes back to "Speaker N". */
export async function renameSpeaker(meetingId: string, label: string, _state: FormState, form: FormData): Promise<FormState> {
  return changeSpeaker(
    form,
    renameSchema,
    ({ name }) => setSpeakerName(meetingId, label, name ? { name } : null),
    [meetingPath(meetingId)],
  );
}

/** "This is …": the speaker is a person of the voice bank, whose voice learns from this meeting. */
export async function linkSpeaker(meetingId: string, label: string, _state: FormState, form: FormData): Promise<FormState> {
  return changeSpeaker(
    form,
    linkSchema,
    ({ personId }) => enroll(meetingId, label, { person_id: personId }),
    [meetingPath(meetingId), "/voices"],
  );
}

/** Creates a person in the voice bank from this speaker's voice and names the speaker after them. */
export async function enrollSpeaker(meetingId: string, label: string, _state: FormState, form: FormData): Promise<FormState> {
  return changeSpeaker(
    form,
    enrollSchema,
    ({ name }) => enroll(meetingId, label, { name }),
    [meetingPath(meetingId), "/voices"],
    ({ name }) => ({ message: `${name} was added to your voice bank.` }),
  );
}
