/** Meetings as the pages need them, read from the API on the server. */
import "server-only";

import { notFound } from "next/navigation";

import { ApiError } from "@/lib/errors";
import type { MeetingSummary, Transcript } from "@/lib/models";

import { toMeetingSummary, toTranscript } from "./mappers";
import { callApi } from "./server";
import { inWorkspace } from "./workspaces";

export const MEETINGS_PER_PAGE = 20;

/** A missing meeting (or one of a workspace the person is not in: also a 404) shows the 404 page. */
async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 422)) notFound();
    throw error;
  }
}

/** A page of a workspace's meetings, newest first. */
export async function listMeetings(
  workspaceId: string,
  page: number,
): Promise<{ meetings: MeetingSummary[]; hasMore: boolean }> {
  const offset = (page - 1) * MEETINGS_PER_PAGE;
  const result = await callApi((api) =>
    api.GET("/api/v1/meetings", {
      params: { query: { offset, limit: MEETINGS_PER_PAGE }, ...inWorkspace(workspaceId) },
    }),
  );
  return { meetings: result.items.map(toMeetingSummary), hasMore: offset + result.items.length < result.total };
}

export async function getMeeting(meetingId: string): Promise<MeetingSummary> {
  const meeting = await orNotFound(
    callApi((api) => api.GET("/api/v1/meetings/{meeting_id}", { params: { path: { meeting_id: meetingId } } })),
  );
  return toMeetingSummary(meeting);
}

export async function getTranscript(meetingId: string): Promise<Transcript> {
  const document = await orNotFound(
    callApi((api) =>
      api.GET("/api/v1/meetings/{meeting_id}/transcript", { params: { path: { meeting_id: meetingId } } }),
    ),
  );
  return toTranscript(document);
}
