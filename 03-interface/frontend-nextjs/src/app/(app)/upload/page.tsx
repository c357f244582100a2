import type { Metadata } from "next";
import Link from "next/link";

import { UploadForm } from "@/components/upload/UploadForm";
import { WorkspaceHeading } from "@/components/workspaces/WorkspaceHeading";
import { workspaceContext } from "@/lib/api/workspaces";
import { maxUploadBytes } from "@/lib/config";
import { can } from "@/lib/roles";

export const metadata: Metadata = { title: "Upload a recording" };

export default async function UploadPage() {
  const { current } = await workspaceContext();
  return (
    <>
      <WorkspaceHeading title="Upload a recording" workspace={current} standalone />
      {can(current.role, "upload") ? (
        <UploadForm maxBytes={maxUploadBytes()} workspaceId={current.id} />
      ) : (
        <div className="card">
          <p className="notice notice-info" role="status">
            As a viewer of {current.name} you can read and export its meetings, not upload recordings.
          </p>
          <p className="hint">Ask an admin of this workspace to make you a member, or switch to your personal workspace.</p>
          <Link href="/" className="button button-secondary">
            Back to the meetings
          </Link>
        </div>
      )}
    </>
  );
}
