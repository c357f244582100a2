"use client";

import { useActionState } from "react";

import { acceptInvitation } from "@/actions/members";
import { FormError } from "@/components/Field";

/** Joins the invitation's workspace; a refusal (used, revoked, expired, wrong account) is shown as the API says it. */
export function AcceptInvitationForm({ token, workspaceId, workspaceName }: { token: string; workspaceId: string; workspaceName: string }) {
  const [state, accept, pending] = useActionState(acceptInvitation.bind(null, token, workspaceId), {});
  return (
    <form action={accept}>
      <FormError message={state.error} />
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Joining…" : `Accept and join ${workspaceName}`}
      </button>
    </form>
  );
}
