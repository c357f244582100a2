import { removeMember, revokeInvitation } from "@/actions/members";
import { deleteWorkspace, leaveWorkspace } from "@/actions/workspaces";
import { ConfirmButton } from "@/components/ConfirmButton";

/** Removes a member after confirming: their access ends with their next request. */
export function RemoveMemberButton({ workspaceId, member }: { workspaceId: string; member: { userId: string; name: string } }) {
  return (
    <ConfirmButton
      label="Remove"
      accessibleLabel={`Remove ${member.name}`}
      title={`Remove ${member.name}?`}
      description="They lose access to this workspace's meetings and voice bank at once. Their uploads stay."
      confirmLabel="Remove member"
      pendingLabel="Removing…"
      onConfirm={removeMember.bind(null, workspaceId, member.userId)}
    />
  );
}

export function RevokeInvitationButton({ workspaceId, invitation }: { workspaceId: string; invitation: { id: string; email: string } }) {
  return (
    <ConfirmButton
      label="Revoke"
      accessibleLabel={`Revoke the invitation of ${invitation.email}`}
      title="Revoke this invitation?"
      description={`The link sent to ${invitation.email} stops working at once.`}
      confirmLabel="Revoke invitation"
      pendingLabel="Revoking…"
      onConfirm={revokeInvitation.bind(null, workspaceId, invitation.id)}
    />
  );
}

export function LeaveWorkspaceButton({ workspaceId, userId, name }: { workspaceId: string; userId: string; name: string }) {
  return (
    <ConfirmButton
      label="Leave workspace"
      accessibleLabel={`Leave ${name}`}
      title={`Leave ${name}?`}
      description="You lose access to its meetings and voice bank at once; an admin can invite you again."
      confirmLabel="Leave workspace"
      pendingLabel="Leaving…"
      onConfirm={leaveWorkspace.bind(null, workspaceId, userId)}
    />
  );
}

export function DeleteWorkspaceButton({ workspaceId, name }: { workspaceId: string; name: string }) {
  return (
    <ConfirmButton
      label="Delete workspace"
      accessibleLabel={`Delete workspace ${name}`}
      title={`Delete ${name}?`}
      description="Every meeting, recording, transcript, voice and log entry of this workspace is removed for good, for all its members."
      confirmLabel="Delete workspace"
      onConfirm={deleteWorkspace.bind(null, workspaceId)}
    />
  );
}
