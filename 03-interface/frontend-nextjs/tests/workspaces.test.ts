import { describe, expect, it } from "vitest";

import { actionName, detailPairs } from "@/lib/audit";
import type { Workspace } from "@/lib/models";
import { isUuid, pathAfterSwitch, sortWorkspaces, workspaceLabel } from "@/lib/workspaces";

const workspace = (name: string, kind: Workspace["kind"], role: Workspace["role"] = "owner"): Workspace => ({
  id: `${name}-id`,
  name,
  kind,
  role,
  createdAt: "2025-01-01T00:00:00Z",
});

describe("the workspace switcher", () => {
  it("lists the personal workspace first, then the teams by name", () => {
    const sorted = sortWorkspaces([workspace("zeta", "team"), workspace("Personal", "personal"), workspace("Alpha", "team")]);
    expect(sorted.map((item) => item.name)).toEqual(["Personal", "Alpha", "zeta"]);
  });

  it("shows the role in a team workspace", () => {
    expect(workspaceLabel(workspace("Personal", "personal"))).toBe("Personal");
    expect(workspaceLabel(workspace("Lyon office", "team", "viewer"))).toBe("Lyon office · Viewer");
  });

  it("stays on the same kind of page, or goes to the meetings from one meeting", () => {
    expect(pathAfterSwitch("/voices")).toBe("/voices");
    expect(pathAfterSwitch("/members")).toBe("/members");
    expect(pathAfterSwitch("/audit")).toBe("/audit");
    expect(pathAfterSwitch("/meetings/1234")).toBe("/");
    expect(pathAfterSwitch("/?page=3")).toBe("/");
    expect(pathAfterSwitch("//evil.example/voices")).toBe("/");
    expect(pathAfterSwitch(null)).toBe("/");
  });

  it("accepts only workspace ids shaped as UUIDs", () => {
    expect(isUuid("3f2b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b")).toBe(true);
    expect(isUuid("../../etc")).toBe(false);
    expect(isUuid(undefined)).toBe(false);
  });
});

describe("the audit log", () => {
  it("names the API's actions in words and keeps unknown ones as they are", () => {
    expect(actionName("member.role_changed")).toBe("Changed a member's role");
    expect(actionName("something.new")).toBe("something.new");
  });

  it("lists details in a stable order, without empty values", () => {
    expect(detailPairs({ role: "viewer", email: "a@example.com", old: null, count: 2 })).toEqual([
      ["count", "2"],
      ["email", "a@example.com"],
      ["role", "viewer"],
    ]);
  });
});
