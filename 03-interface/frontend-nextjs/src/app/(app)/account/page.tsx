import type { Metadata } from "next";
import Link from "next/link";

import { ChangePasswordForm } from "@/components/account/ChangePasswordForm";
import { DeleteAccountForm } from "@/components/account/DeleteAccountForm";
import { currentAccount } from "@/lib/api/account";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const account = await currentAccount();
  return (
    <div className="narrow">
      <h1>Your account</h1>
      <p className="hint page-heading">
        {account.displayName ? <>{account.displayName} · </> : null}
        {account.email} · since {formatDateTime(account.createdAt)} · <Link href="/api-keys">API keys</Link>
      </p>

      <section className="card page-heading" aria-labelledby="password-title">
        <h2 id="password-title">Change your password</h2>
        <p className="hint page-heading">Every other place where you are signed in is signed out; this one stays.</p>
        <ChangePasswordForm />
      </section>

      <section className="card" aria-labelledby="delete-title">
        <h2 id="delete-title">Delete your account</h2>
        <p className="hint page-heading">
          Your personal workspace goes with it — its meetings, recordings, transcripts and voices — and so does
          every team workspace where you are the only member. In the team workspaces you share, what you uploaded
          stays with the team. If you are the last owner of a shared workspace, make another member its owner first.
        </p>
        <DeleteAccountForm />
      </section>
    </div>
  );
}
