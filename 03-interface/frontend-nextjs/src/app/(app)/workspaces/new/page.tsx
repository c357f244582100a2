import type { Metadata } from "next";

import { CreateWorkspaceForm } from "@/components/members/CreateWorkspaceForm";

export const metadata: Metadata = { title: "New workspace" };

export default function NewWorkspacePage() {
  return (
    <div className="narrow">
      <h1>New workspace</h1>
      <p className="hint page-heading">
        A team workspace holds meetings and a voice bank shared with the people you invite. You are its owner.
      </p>
      <section className="card">
        <CreateWorkspaceForm />
      </section>
    </div>
  );
}
