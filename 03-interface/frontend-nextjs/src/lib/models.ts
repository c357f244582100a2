/** What the pages show, independent of the API's field names (mapped in `api/mappers.ts`). */
import type { Role } from "@/lib/roles";

export type MeetingStatus = "queued" | "processing" | "completed" | "failed";

export interface MeetingSummary {
  id: string;
  workspaceId: string;
  title: string;
  createdAt: string;
  status: MeetingStatus;
  stage: string | null;
  percent: number | null;
  error: string | null;
  durationS: number | null;
  language: string | null;
  numSpeakers: number | null;
}

export interface Person {
  id: string;
  name: string;
  sampleCount: number;
  createdAt: string | null;
}

export interface TranscriptSpeaker {
  label: string;
  person: string | null;
  personId: string | null;
  speechS: number;
}

export interface TranscriptLine {
  speaker: string;
  start: number;
  end: number;
  text: string;
}

export interface Transcript {
  language: string | null;
  durationS: number;
  speakers: TranscriptSpeaker[];
  segments: TranscriptLine[];
}

export function isActive(status: MeetingStatus): boolean {
  return status === "queued" || status === "processing";
}

export type WorkspaceKind = "personal" | "team";

export interface Workspace {
  id: string;
  name: string;
  kind: WorkspaceKind;
  /** The signed-in person's role in it. */
  role: Role;
  createdAt: string;
}

export interface Member {
  userId: string;
  email: string;
  displayName: string | null;
  role: Role;
  joinedAt: string;
}

export interface PendingInvitation {
  id: string;
  email: string;
  role: Role;
  createdAt: string;
  expiresAt: string;
}

/** An invitation just made: its link is shown once. */
export interface CreatedInvitation extends PendingInvitation {
  link: string;
  emailed: boolean;
}

export interface InvitationPreview {
  workspaceId: string;
  workspaceName: string;
  email: string;
  role: Role;
  expiresAt: string;
}

export interface AuditEvent {
  id: string;
  action: string;
  actorEmail: string | null;
  viaApiKey: boolean;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
  clientIp: string | null;
  userAgent: string | null;
  createdAt: string;
}

export interface ApiKey {
  id: string;
  name: string;
  workspaceId: string;
  role: Role;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** Past its expiry when it was read. */
  expired: boolean;
}
