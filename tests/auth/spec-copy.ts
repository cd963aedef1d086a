// A literal copy of docs/authorization.md (and of the README's key-role table): the specification
// the authority tests check the code against. Never generate this from the code's own tables.

export const OPERATIONS_TABLE = `
| \`GET /api/tokens\` | \`keys:read\` | yes | yes | yes | no | no | no | yes | yes | no |
| \`POST /api/tokens\` | \`keys:write\` | yes | yes | no | no | no | no | no | yes | no |
| \`GET /api/tokens/pk\` | \`keys:pk\` | no | no | no | no | no | yes | yes | yes | no |
| \`GET /api/tokens/{id}\` | \`keys:read\` | yes | yes | yes | no | no | no | yes | yes | no |
| \`DELETE /api/tokens/{id}\` | \`keys:write\` | yes | yes | no | no | no | no | no | yes | no |
| \`PATCH /api/tokens/{id}\` | \`keys:write\` | yes | yes | no | no | no | no | no | yes | no |
| \`POST /api/tokens/{id}/rotate\` | \`keys:write\` | yes | yes | no | no | no | no | no | yes | no |
| \`GET /api/tokens/{id}/usage\` | \`keys:read\` | yes | yes | yes | no | no | no | yes | yes | no |
| \`GET /api/tokens/{id}/verifications\` | \`keys:read\` | yes | yes | yes | no | no | no | yes | yes | no |
| \`GET /api/tokens/{id}/verifications/export\` | \`keys:read\` | yes | yes | yes | no | no | no | yes | yes | no |
| \`GET /api/projects\` | \`keys:read\` | yes | yes | yes | no | no | no | yes | yes | no |
| \`POST /api/projects\` | \`keys:write\` | yes | yes | no | no | no | no | no | yes | no |
| \`PATCH /api/projects/{id}\` | \`keys:write\` | yes | yes | no | no | no | no | no | yes | no |
| \`DELETE /api/projects/{id}\` | \`keys:write\` | yes | yes | no | no | no | no | no | yes | no |
| \`GET /api/settings/keys\` | \`keys:read\` | yes | yes | yes | no | no | no | yes | yes | no |
| \`PUT /api/settings/keys\` | \`keys:admin\` | yes | yes | no | no | no | no | no | yes | no |
| \`GET /api/settings/scopes\` | \`keys:read\` | yes | yes | yes | no | no | no | yes | yes | no |
| \`POST /api/settings/scopes\` | \`keys:write\` | yes | yes | no | no | no | no | no | yes | no |
| \`DELETE /api/settings/scopes/{id}\` | \`keys:write\` | yes | yes | no | no | no | no | no | yes | no |
| \`GET /api/usage\` | \`usage:read\` | yes | yes | no | no | no | no | no | yes | no |
| \`GET /api/verifications\` | \`usage:read\` | yes | yes | no | no | no | no | no | yes | no |
| \`GET /api/verifications/export\` | \`usage:read\` | yes | yes | no | no | no | no | no | yes | no |
| \`GET /api/verifications/unknown-keys\` | \`usage:read\` | yes | yes | no | no | no | no | no | yes | no |
| \`GET /api/audit\` | \`audit:read\` | yes | yes | no | no | no | no | no | yes | no |
| \`GET /api/audit/export\` | \`audit:read\` | yes | yes | no | no | no | no | no | yes | no |
| \`GET /api/members\` | \`members:read\` | yes | yes | yes | no | no | no | no | yes | no |
| \`PATCH /api/members/{id}\` | \`members:write\` | yes | yes | no | no | no | no | no | yes | no |
| \`DELETE /api/members/{id}\` | \`members:write\` | yes | yes | no | no | no | no | no | yes | no |
| \`GET /api/invitations\` | \`members:read\` | yes | yes | yes | no | no | no | no | yes | no |
| \`POST /api/invitations\` | \`members:write\` | yes | yes | no | no | no | no | no | yes | no |
| \`DELETE /api/invitations/{id}\` | \`members:write\` | yes | yes | no | no | no | no | no | yes | no |
| \`PATCH /api/organization\` | \`organization:write\` | yes | no | no | no | no | no | no | no | no |
| \`GET /api/registries\` | \`registries:read\` | yes | yes | yes | yes | yes | yes | yes | yes | no |
| \`POST /api/registries\` | \`registries:write\` | yes | yes | no | no | no | no | yes | yes | no |
| \`POST /api/registries/discover\` | \`registries:write\` | yes | yes | no | no | no | no | yes | yes | no |
| \`POST /api/registries/check\` | \`registries:write\` | yes | yes | no | no | no | no | yes | yes | no |
| \`PATCH /api/registries/{id}\` | \`registries:write\` | yes | yes | no | no | no | no | yes | yes | no |
| \`DELETE /api/registries/{id}\` | \`registries:delete\` | yes | yes | no | no | no | no | no | yes | no |
| \`POST /api/registries/{id}/default\` | \`registries:write\` | yes | yes | no | no | no | no | yes | yes | no |
| \`PUT /api/registries/order\` | \`registries:write\` | yes | yes | no | no | no | no | yes | yes | no |
| \`GET /api/registries/resolve\` | \`registries:read\` | yes | yes | yes | yes | yes | yes | yes | yes | no |
| \`GET /api/registries/export\` | \`registries:read\` | yes | yes | yes | yes | yes | yes | yes | yes | no |
| \`POST /api/registries/export\` | \`registries:read\` | yes | yes | yes | yes | yes | yes | yes | yes | no |
| \`POST /api/registries/import\` | \`registries:write\` | yes | yes | no | no | no | no | yes | yes | no |
| \`GET /api/registries/settings\` | \`registries:read\` | yes | yes | yes | yes | yes | yes | yes | yes | no |
| \`PATCH /api/registries/settings\` | \`registries:admin\` | yes | yes | no | no | no | no | no | yes | no |
| \`GET /api/webhooks\` | \`webhooks:read\` | yes | yes | no | no | no | no | no | yes | no |
| \`POST /api/webhooks\` | \`webhooks:write\` | yes | yes | no | no | no | no | no | yes | no |
| \`PATCH /api/webhooks/{id}\` | \`webhooks:write\` | yes | yes | no | no | no | no | no | yes | no |
| \`DELETE /api/webhooks/{id}\` | \`webhooks:write\` | yes | yes | no | no | no | no | no | yes | no |
| \`GET /api/webhooks/{id}/deliveries\` | \`webhooks:read\` | yes | yes | no | no | no | no | no | yes | no |
| \`POST /api/webhooks/{id}/resend\` | \`webhooks:write\` | yes | yes | no | no | no | no | no | yes | no |
| \`POST /api/webhooks/{id}/test\` | \`webhooks:write\` | yes | yes | no | no | no | no | no | yes | no |
| \`GET /api/notifications\` | \`keys:read\` | yes | yes | yes | no | no | no | yes | yes | no |
`;

export const PERMISSIONS_TABLE = `
| \`keys:read\` | yes | yes | yes |
| \`keys:write\` | yes | yes | no |
| \`keys:admin\` | yes | yes | no |
| \`keys:pk\` | yes | yes | no |
| \`registries:read\` | yes | yes | yes |
| \`registries:write\` | yes | yes | no |
| \`registries:delete\` | yes | yes | no |
| \`registries:admin\` | yes | yes | no |
| \`registries:secrets\` | yes | yes | no |
| \`members:read\` | yes | yes | yes |
| \`members:write\` | yes | yes | no |
| \`members:owner\` | yes | no | no |
| \`audit:read\` | yes | yes | no |
| \`usage:read\` | yes | yes | no |
| \`webhooks:read\` | yes | yes | no |
| \`webhooks:write\` | yes | yes | no |
| \`organization:write\` | yes | no | no |
`;

export const PUBLIC_OPERATIONS = [
  "POST /api/tokens/verify",
  "POST /api/auth/sign-up",
  "POST /api/auth/sign-in",
  "POST /api/auth/sign-out",
  "GET /api/health",
  "GET /api/ping",
  "GET /api/openapi.json",
  "GET /.well-known/registry.json",
  "POST /api/leaks/github",
];

/** Permissions no API key ever holds (docs/authorization.md). */
export const SESSION_ONLY = ["registries:secrets", "members:owner", "organization:write"];

/** The README's key roles. */
export const KEY_ROLE_SCOPES = {
  reader: ["packages:read", "registries:read"],
  executor: ["packages:read", "registries:read", "packages:execute"],
  application: ["packages:read", "registries:read", "packages:execute", "keys:pk"],
  developer: ["packages:read", "packages:write", "packages:execute", "registries:read", "registries:write", "keys:read", "keys:pk"],
  admin: ["admin:*"],
} as const;

export const SESSION_COLUMNS = ["owner", "admin", "member"] as const;
export const KEY_COLUMNS = ["reader", "executor", "application", "developer", "admin"] as const;

export interface SpecRow {
  operation: string;
  permission: string;
  sessions: Record<(typeof SESSION_COLUMNS)[number], boolean>;
  keys: Record<(typeof KEY_COLUMNS)[number], boolean>;
  pk: boolean;
}

const cells = (line: string) =>
  line
    .split("|")
    .slice(1, -1)
    .map((cell) => cell.trim().replace(/`/g, ""));
const yes = (cell: string | undefined) => {
  if (cell !== "yes" && cell !== "no") throw new Error(`expected yes or no, got ${cell}`);
  return cell === "yes";
};

export function parseOperationsTable(table: string): SpecRow[] {
  return table
    .trim()
    .split("\n")
    .map((line) => {
      const [operation, permission, ...flags] = cells(line);
      const [owner, admin, member, reader, executor, application, developer, adminKey, pk] = flags.map(yes);
      return {
        operation: operation!,
        permission: permission!,
        sessions: { owner: owner!, admin: admin!, member: member! },
        keys: { reader: reader!, executor: executor!, application: application!, developer: developer!, admin: adminKey! },
        pk: pk!,
      };
    });
}

export function parsePermissionsTable(table: string): Record<string, Record<(typeof SESSION_COLUMNS)[number], boolean>> {
  return Object.fromEntries(
    table
      .trim()
      .split("\n")
      .map((line) => {
        const [permission, owner, admin, member] = cells(line);
        return [permission!, { owner: yes(owner), admin: yes(admin), member: yes(member) }];
      }),
  );
}
