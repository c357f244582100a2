/** How the audit log's entries read; pure so it is unit-tested. */

/** The API's actions (AuditAction) in words; an unknown one is shown as it is. */
const ACTION_NAMES: Record<string, string> = {
  "meeting.uploaded": "Uploaded a meeting",
  "meeting.updated": "Edited a meeting",
  "meeting.exported": "Exported a transcript",
  "meeting.deleted": "Deleted a meeting",
  "person.enrolled": "Enrolled a voice",
  "person.deleted": "Deleted a person from the voice bank",
  "member.invited": "Invited someone",
  "invitation.revoked": "Revoked an invitation",
  "member.joined": "Joined",
  "member.role_changed": "Changed a member's role",
  "member.removed": "Removed a member",
  "member.left": "Left",
  "workspace.ownership_transferred": "Transferred the ownership",
  "workspace.created": "Created the workspace",
  "workspace.renamed": "Renamed the workspace",
  "api_key.created": "Created an API key",
  "api_key.revoked": "Revoked an API key",
};

export function actionName(action: string): string {
  return ACTION_NAMES[action] ?? action;
}

/** An entry's details as "key: value" pairs, in a stable order. */
export function detailPairs(details: Record<string, unknown>): [string, string][] {
  return Object.entries(details)
    .filter(([, value]) => value !== null && value !== undefined && value !== "")
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => [key.replace(/_/g, " "), typeof value === "string" ? value : JSON.stringify(value)]);
}
