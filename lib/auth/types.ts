export type OrgRole = "owner" | "admin" | "member";

export interface Session {
  userId: string;
  orgId: string;
  orgRole: OrgRole;
}

/** What the dashboard shows about who is signed in. */
export interface Viewer extends Session {
  email: string | null;
  orgName: string;
}
