import type { Metadata } from "next";
import Link from "next/link";

import { logOut } from "@/actions/auth";
import { switchWorkspace } from "@/actions/workspaces";
import { AcceptInvitationForm } from "@/components/invite/AcceptInvitationForm";
import { currentAccount } from "@/lib/api/account";
import { previewInvitation, workspaceContext } from "@/lib/api/workspaces";
import { formatDateTime } from "@/lib/format";
import { ROLE_DESCRIPTIONS, ROLE_NAMES } from "@/lib/roles";

import styles from "./page.module.css";

export const metadata: Metadata = { title: "Invitation" };

/**
 * An invitation link (`{WEB_BASE_URL}/invite/{token}`, made on the members page). Someone not
 * signed in is sent to log in (or register) and comes back here.
 */
export default async function InvitationPage({ params }: PageProps<"/invite/[token]">) {
  const { token } = await params;
  const [lookup, account, { workspaces }] = await Promise.all([
    previewInvitation(token),
    currentAccount(),
    workspaceContext(),
  ]);

  if (lookup.state === "unknown") {
    return (
      <section className="card narrow">
        <h1>Invitation not found</h1>
        <p>This invitation link is not valid. Check that it was copied whole, or ask for a new one.</p>
        <Link href="/" className="button button-secondary">
          Go to your meetings
        </Link>
      </section>
    );
  }
  if (lookup.state === "gone") {
    return (
      <section className="card narrow">
        <h1>This invitation can no longer be used</h1>
        <p className="notice notice-error" role="alert">
          {lookup.message}
        </p>
        <p className="hint">Ask an admin of the workspace to invite you again.</p>
        <Link href="/" className="button button-secondary">
          Go to your meetings
        </Link>
      </section>
    );
  }

  const { invitation } = lookup;
  const member = workspaces.find((workspace) => workspace.id === invitation.workspaceId);
  const forSomeoneElse = invitation.email.toLowerCase() !== account.email.toLowerCase();

  return (
    <section className="card narrow" aria-labelledby="invitation-title">
      <h1 id="invitation-title">Join {invitation.workspaceName}</h1>
      <dl className={styles.preview} data-testid="invitation-preview">
        <dt className="hint">Workspace</dt>
        <dd>{invitation.workspaceName}</dd>
        <dt className="hint">Role</dt>
        <dd>
          {ROLE_NAMES[invitation.role]}: {ROLE_DESCRIPTIONS[invitation.role]}
        </dd>
        <dt className="hint">Invited address</dt>
        <dd>{invitation.email}</dd>
        <dt className="hint">Valid until</dt>
        <dd>{formatDateTime(invitation.expiresAt)} UTC</dd>
      </dl>

      {member ? (
        <>
          <p className="notice notice-info" role="status">
            You are already a member of {invitation.workspaceName}.
          </p>
          <form action={switchWorkspace}>
            <input type="hidden" name="workspaceId" value={member.id} />
            <input type="hidden" name="path" value="/" />
            <button type="submit" className="button">
              Open {invitation.workspaceName}
            </button>
          </form>
        </>
      ) : forSomeoneElse ? (
        <>
          <p className="notice notice-error" role="alert">
            This invitation is for {invitation.email}, and you are signed in as {account.email}. Log out, then log in
            (or create an account) with {invitation.email} to accept it.
          </p>
          <form action={logOut}>
            <input type="hidden" name="next" value={`/invite/${token}`} />
            <button type="submit" className="button button-secondary">
              Log out and sign in as {invitation.email}
            </button>
          </form>
        </>
      ) : (
        <AcceptInvitationForm token={token} workspaceId={invitation.workspaceId} workspaceName={invitation.workspaceName} />
      )}
    </section>
  );
}
