/** The one place that knows the API's field names: API bodies → what the pages show. */
import type {
  ApiKey,
  AuditEvent,
  CreatedInvitation,
  InvitationPreview,
  MeetingSummary,
  Member,
  PendingInvitation,
  Person,
  Transcript,
  Workspace,
} from "@/lib/models";

import type { components } from "./schema";

type Schemas = components["schemas"];

export function toMeetingSummary(meeting: Schemas["MeetingOut"]): MeetingSummary {
  return {
    id: meeting.id,
    workspaceId: meeting.workspace_id,
    title: meeting.title,
    createdAt: meeting.created_at,
    status: meeting.status,
    stage: meeting.stage ?? null,
    percent: meeting.progress,
    error: meeting.error ?? null,
    durationS: meeting.duration_s ?? null,
    language: meeting.language ?? null,
    numSpeakers: meeting.num_speakers ?? null,
  };
}

export function toPerson(person: Schemas["PersonOut"]): Person {
  return {
    id: person.person_id,
    name: person.name,
    sampleCount: person.samples.length,
    createdAt: person.created_at,
  };
}

export function toTranscript(document: Schemas["TranscriptDocument"]): Transcript {
  return {
    language: document.language ?? null,
    durationS: document.duration_s,
    speakers: document.speakers.map((speaker) => ({
      label: speaker.label,
      person: speaker.person ?? null,
      personId: speaker.person_id ?? null,
      speechS: speaker.speech_s ?? 0,
    })),
    segments: document.segments.map((segment) => ({
      speaker: segment.speaker,
      start: segment.start,
      end: segment.end,
      text: segment.text.trim(),
    })),
  };
}

export function toWorkspace(workspace: Schemas["WorkspaceOut"]): Workspace {
  return {
    id: workspace.id,
    name: workspace.name,
    kind: workspace.kind,
    role: workspace.role,
    createdAt: workspace.created_at,
  };
}

export function toMember(member: Schemas["MemberOut"]): Member {
  return {
    userId: member.user_id,
    email: member.email,
    displayName: member.display_name ?? null,
    role: member.role,
    joinedAt: member.joined_at,
  };
}

export function toPendingInvitation(invitation: Schemas["InvitationOut"]): PendingInvitation {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    createdAt: invitation.created_at,
    expiresAt: invitation.expires_at,
  };
}

export function toCreatedInvitation(invitation: Schemas["InvitationCreated"]): CreatedInvitation {
  return { ...toPendingInvitation(invitation), link: invitation.link, emailed: invitation.emailed };
}

export function toInvitationPreview(preview: Schemas["InvitationPreview"]): InvitationPreview {
  return {
    workspaceId: preview.workspace_id,
    workspaceName: preview.workspace_name,
    email: preview.email,
    role: preview.role,
    expiresAt: preview.expires_at,
  };
}

export function toAuditEvent(event: Schemas["AuditEventOut"]): AuditEvent {
  return {
    id: event.id,
    action: event.action,
    actorEmail: event.actor_email ?? null,
    viaApiKey: event.api_key_id != null,
    targetType: event.target_type ?? null,
    targetId: event.target_id ?? null,
    details: event.details,
    clientIp: event.client_ip ?? null,
    userAgent: event.user_agent ?? null,
    createdAt: event.created_at,
  };
}

export function toApiKey(key: Schemas["ApiKeyOut"], nowMs: number): ApiKey {
  return {
    id: key.id,
    name: key.name,
    workspaceId: key.workspace_id,
    role: key.role,
    prefix: key.prefix,
    createdAt: key.created_at,
    expiresAt: key.expires_at ?? null,
    lastUsedAt: key.last_used_at ?? null,
    revokedAt: key.revoked_at ?? null,
    expired: key.expires_at != null && new Date(key.expires_at).getTime() <= nowMs,
  };
}
