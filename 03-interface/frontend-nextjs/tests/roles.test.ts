import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { ROLES, assignableRoles, atLeast, can, keyRoles } from "@/lib/roles";

const spec = JSON.parse(readFileSync(new URL("../../backend/openapi.json", import.meta.url), "utf8")) as {
  components: { schemas: { Role: { enum: string[] } } };
};

describe("roles", () => {
  it("are the API's, lowest first", () => {
    expect([...ROLES]).toEqual(spec.components.schemas.Role.enum);
    expect(atLeast("owner", "admin")).toBe(true);
    expect(atLeast("member", "admin")).toBe(false);
  });

  it("allow what the API's policy allows, and nothing more", () => {
    // viewers read and export
    expect(can("viewer", "read")).toBe(true);
    expect(can("viewer", "export")).toBe(true);
    for (const action of ["upload", "editTranscript", "enroll", "deleteMeeting", "manageMembers"] as const) {
      expect(can("viewer", action), action).toBe(false);
    }
    // members also upload, edit transcripts and enroll voices, but delete nothing
    for (const action of ["upload", "editTranscript", "enroll"] as const) expect(can("member", action), action).toBe(true);
    for (const action of ["deleteMeeting", "manageVoiceBank", "manageMembers", "readAudit"] as const) {
      expect(can("member", action), action).toBe(false);
    }
    // admins also delete and manage members; only owners manage the workspace
    for (const action of ["deleteMeeting", "manageVoiceBank", "manageMembers", "readAudit"] as const) {
      expect(can("admin", action), action).toBe(true);
    }
    expect(can("admin", "manageWorkspace")).toBe(false);
    expect(can("owner", "manageWorkspace")).toBe(true);
    expect(can(null, "read")).toBe(false);
  });

  it("can be given by admins up to admin and by owners to anyone (the API's may_assign)", () => {
    expect(assignableRoles("viewer", "viewer")).toEqual([]);
    expect(assignableRoles("member", null)).toEqual([]);
    expect(assignableRoles("admin", null)).toEqual(["viewer", "member", "admin"]);
    expect(assignableRoles("admin", "admin")).toEqual(["viewer", "member", "admin"]);
    expect(assignableRoles("admin", "owner")).toEqual([]);
    expect(assignableRoles("owner", "owner")).toEqual(["viewer", "member", "admin", "owner"]);
    expect(assignableRoles("owner", null)).toEqual(["viewer", "member", "admin", "owner"]);
  });

  it("of an API key go up to its user's role", () => {
    expect(keyRoles("viewer")).toEqual(["viewer"]);
    expect(keyRoles("admin")).toEqual(["viewer", "member", "admin"]);
  });
});
