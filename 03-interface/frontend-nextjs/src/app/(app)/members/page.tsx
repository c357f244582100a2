import type { Metadata } from "next";
import Link from "next/link";

import { InviteForm } from "@/components/members/InviteForm";
import {
  DeleteWorkspaceButton,
  LeaveWorkspaceButton,
  RemoveMemberButton,
  RevokeInvitationButton,
} from "@/components/members/MemberButtons";
import styles from "@/components/members/Members.module.css";
import { RenameWorkspaceForm } from "@/components/members/RenameWorkspaceForm";
import { RoleForm } from "@/components/members/RoleForm";
import { TransferForm } from "@/components/members/TransferForm";
import { WorkspaceHeading } from "@/components/workspaces/WorkspaceHeading";
import { currentAccount } from "@/lib/api/account";
import { listInvitations, listMembers, workspaceContext } from "@/lib/api/workspaces";
import { formatDateTime } from "@/lib/format";
import type { Member } from "@/lib/models";
import { ROLE_NAMES, assignableRoles, can } from "@/lib/roles";

export const metadata: Metadata = { title: "Members" };

function memberName(member: Member): string {
  return member.displayName ? `${member.displayName} (${member.email})` : member.email;
}

export default async function MembersPage() {
  const { current } = await workspaceContext();
  const team = current.kind === "team";
  const mayManage = team && can(current.role, "manageMembers");
  const isOwner = team && can(current.role, "manageWorkspace");
  const [me, members, invitations] = await Promise.all([
    currentAccount(),
    listMembers(current.id),
    mayManage ? listInvitations(current.id) : Promise.resolve([]),
  ]);
  const owners = members.filter((member) => member.role === "owner").length;
  const lastOwner = current.role === "owner" && owners <= 1;
  const others = members.filter((member) => member.userId !== me.id);

  return (
    <>
      <WorkspaceHeading title="Members" workspace={current} standalone />
      {!team && (
        <p className="notice notice-info" role="status">
          Your personal workspace is yours alone. To share meetings, <Link href="/workspaces/new">create a team
          workspace</Link> and invite people to it.
        </p>
      )}
      <div className={team ? styles.layout : undefined}>
        <div className={styles.column}>
          <section className="card" aria-labelledby="members-title">
            <h2 id="members-title">
              {members.length} member{members.length === 1 ? "" : "s"}
            </h2>
            <ul className={styles.list}>
              {members.map((member) => {
                const isMe = member.userId === me.id;
                const roles = mayManage && !isMe ? assignableRoles(current.role, member.role) : [];
                return (
                  <li key={member.userId} className={styles.member} data-testid="member">
                    <div className={styles.who}>
                      <p className={styles.name}>
                        {member.displayName || member.email}
                        {isMe && <span className="hint"> (you)</span>}
                      </p>
                      <p className="hint">
                        {member.displayName && <>{member.email} · </>}
                        <span className={styles.badge} data-testid="member-role">
                          {ROLE_NAMES[member.role]}
                        </span>{" "}
                        · joined {formatDateTime(member.joinedAt)}
                      </p>
                    </div>
                    {roles.length > 0 && (
                      <div className={styles.controls}>
                        <RoleForm
                          workspaceId={current.id}
                          member={{ userId: member.userId, name: memberName(member), role: member.role }}
                          roles={roles}
                        />
                        {!(member.role === "owner" && owners <= 1) && (
                          <RemoveMemberButton
                            workspaceId={current.id}
                            member={{ userId: member.userId, name: memberName(member) }}
                          />
                        )}
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>

          {mayManage && (
            <section className="card" aria-labelledby="invitations-title">
              <h2 id="invitations-title">Pending invitations</h2>
              {invitations.length === 0 ? (
                <p className="hint">None. Invitations appear here until they are accepted, revoked or expire.</p>
              ) : (
                <ul className={styles.list}>
                  {invitations.map((invitation) => (
                    <li key={invitation.id} className={styles.member} data-testid="invitation">
                      <div className={styles.who}>
                        <p className={styles.name}>{invitation.email}</p>
                        <p className="hint">
                          <span className={styles.badge}>{ROLE_NAMES[invitation.role]}</span> · invited{" "}
                          {formatDateTime(invitation.createdAt)} · expires {formatDateTime(invitation.expiresAt)}
                        </p>
                      </div>
                      <RevokeInvitationButton workspaceId={current.id} invitation={invitation} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
          )}
        </div>

        {team && (
          <div className={styles.column}>
            {mayManage && (
              <section className="card" aria-labelledby="invite-title">
                <h2 id="invite-title">Invite someone</h2>
                <InviteForm workspaceId={current.id} roles={assignableRoles(current.role, null)} />
              </section>
            )}

            {isOwner && (
              <section className="card" aria-labelledby="settings-title">
                <h2 id="settings-title">Workspace settings</h2>
                <div className={styles.section}>
                  <RenameWorkspaceForm workspaceId={current.id} name={current.name} />
                </div>
                {others.length > 0 && (
                  <div className={styles.section}>
                    <TransferForm
                      workspaceId={current.id}
                      members={others.map((member) => ({ userId: member.userId, name: memberName(member) }))}
                    />
                  </div>
                )}
                <div className={styles.section}>
                  <p className="hint">Deleting the workspace removes everything in it, for every member.</p>
                  <DeleteWorkspaceButton workspaceId={current.id} name={current.name} />
                </div>
              </section>
            )}

            <section className="card" aria-labelledby="leave-title">
              <h2 id="leave-title">Leave</h2>
              {lastOwner ? (
                <p className="hint">
                  You are this workspace&apos;s only owner: transfer the ownership to another member before leaving
                  {others.length === 0 ? ", or delete the workspace" : ""}.
                </p>
              ) : (
                <>
                  <p className="hint">You will no longer see this workspace&apos;s meetings.</p>
                  <LeaveWorkspaceButton workspaceId={current.id} userId={me.id} name={current.name} />
                </>
              )}
            </section>
          </div>
        )}
      </div>
    </>
  );
}
