import { redirectToSignIn } from "@/lib/auth/sign-in-redirect";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { CopyCode } from "@/components/docs/copy-code";
import { InlineCode } from "@/components/docs/inline-code";
import { Badge } from "@/components/ui/badge";
import { getViewer } from "@/lib/auth/session";
import { KEY_FORMAT_DESCRIPTION, openApiDocument } from "@/lib/openapi/document";
import { apiReference, PLACEHOLDER_KEY } from "@/lib/openapi/reference";
import { publicOrigin } from "@/lib/registries/well-known";

export const metadata: Metadata = { title: "API reference" };

const KEY_DIAGRAM = `ks_live_sk_7GbX2kQp9LmN_3vZr…(43 characters)…Qf01a9
└┬┘└─┬┘└┬┘ └────┬─────┘ └─────────┬─────────┘└──┬─┘
 │   │  │       │                 │             └ CRC32 checksum, 6 base62 characters
 │   │  │       │                 └ secret: 256 random bits, 43 base62 characters
 │   │  │       └ key id: 12 base62 characters, public
 │   │  └ type: sk (secret) | pk (publishable)
 │   └ environment: live | test
 └ "ks": lets secret scanners recognise leaked keys`;

/** A section's anchor: tag names are words ("Keys", "Audit"), so lower case and dashes suffice. */
const tagAnchor = (tag: string) => `tag-${tag.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;

// Jumping to an anchor (a heading or an endpoint) must not hide it under the sticky header.
const ANCHOR_OFFSET = "scroll-mt-24";

const METHOD_TONE = { GET: "blue", POST: "green", PUT: "neutral", PATCH: "neutral", DELETE: "red" } as const;

async function requestOrigin(): Promise<string> {
  const list = await headers();
  const host = list.get("host") ?? "localhost:3000";
  const protocol = list.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return publicOrigin(`${protocol}://${host}`);
}

// Signed-in, like the rest of the dashboard; the document itself is public at /api/openapi.json.
export default async function DocsPage() {
  const viewer = await getViewer();
  if (!viewer) return redirectToSignIn();

  const document = openApiDocument();
  const origin = await requestOrigin();
  const groups = apiReference(document, origin);

  return (
    <div className="space-y-10">
      <div className="space-y-1.5">
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">API reference</h1>
        <p className="max-w-2xl text-sm leading-relaxed text-zinc-600">
          Every endpoint of this Keysmith, generated from the schemas the server validates with. The machine-readable OpenAPI 3.1 document
          is at{" "}
          <a className="font-medium text-zinc-900 underline" href="/api/openapi.json">
            /api/openapi.json
          </a>
          .
        </p>
      </div>

      <nav aria-label="On this page" className="flex flex-wrap gap-2">
        {[
          { anchor: "key-format", label: "Key format", count: null },
          { anchor: "authentication", label: "Authentication", count: null },
          ...groups.map((group) => ({ anchor: tagAnchor(group.tag), label: group.tag, count: group.operations.length })),
        ].map(({ anchor, label, count }) => (
          <a
            key={anchor}
            href={`#${anchor}`}
            className="rounded-full border border-zinc-200 bg-white px-3 py-1 text-sm text-zinc-700 shadow-xs transition-colors hover:border-zinc-300 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-zinc-900"
          >
            {label}
            {count !== null ? (
              <span className="ml-1 text-xs text-zinc-500 tabular-nums">
                {" "}
                {count}
                <span className="sr-only"> {count === 1 ? "endpoint" : "endpoints"}</span>
              </span>
            ) : null}
          </a>
        ))}
      </nav>

      <section aria-labelledby="key-format" className="space-y-3">
        <h2 id="key-format" className={`text-lg font-semibold text-zinc-900 ${ANCHOR_OFFSET}`}>
          Key format
        </h2>
        <p className="max-w-3xl text-sm leading-relaxed text-zinc-600">
          <InlineCode text={KEY_FORMAT_DESCRIPTION} />
        </p>
        <pre className="overflow-x-auto rounded-lg border border-zinc-200 bg-zinc-50 p-3 font-mono text-[12.5px] leading-snug text-zinc-800">
          {KEY_DIAGRAM}
        </pre>
        <p className="text-sm text-zinc-600">
          Pattern: <code className="font-mono text-zinc-900">{"ks_(live|test)_(sk|pk)_[0-9A-Za-z]{12}_[0-9A-Za-z]{49}"}</code>
        </p>
      </section>

      <section aria-labelledby="authentication" className="space-y-3">
        <h2 id="authentication" className={`text-lg font-semibold text-zinc-900 ${ANCHOR_OFFSET}`}>
          Authentication
        </h2>
        <ul className="max-w-3xl list-disc space-y-1.5 pl-5 text-sm leading-relaxed text-zinc-600">
          <li>
            <span className="font-medium text-zinc-900">API key</span>:{" "}
            <code className="font-mono">Authorization: Bearer {PLACEHOLDER_KEY}</code> or{" "}
            <code className="font-mono">X-API-Key: {PLACEHOLDER_KEY}</code>. The examples below use a placeholder: put one of your keys in
            its place.
          </li>
          <li>
            <span className="font-medium text-zinc-900">Session cookie</span>: the dashboard&apos;s own sign-in. Writes with a cookie must
            come from this origin; other sites&apos; requests are refused.
          </li>
          <li>
            Each operation names the permission it needs. Owners hold all, admins all but owner powers, members read keys, registries and
            members. An API key holds a permission when its scopes grant it <em>and</em> its creator&apos;s current role does; publishable
            keys are refused (401 <code className="font-mono">PUBLISHABLE_KEY</code>). A key can only create keys with scopes it holds
            itself.
          </li>
          <li>
            Errors are <code className="font-mono">{'{ "error": { "code", "message", "field"? } }'}</code>; bad input answers 400 and names
            the field.
          </li>
        </ul>
      </section>

      {groups.map((group) => (
        <section key={group.tag} aria-labelledby={tagAnchor(group.tag)} className="space-y-4">
          <div className="space-y-1 border-b border-zinc-200 pb-2">
            <h2 id={tagAnchor(group.tag)} className={`text-lg font-semibold text-zinc-900 ${ANCHOR_OFFSET}`}>
              {group.tag}
            </h2>
            {group.description ? (
              <p className="text-sm text-zinc-600">
                <InlineCode text={group.description} />
              </p>
            ) : null}
          </div>
          {group.operations.map((operation) => (
            <article
              key={operation.id}
              id={operation.id}
              aria-label={`${operation.method} ${operation.path}`}
              className={`space-y-2 ${ANCHOR_OFFSET}`}
            >
              <h3 className="flex flex-wrap items-center gap-2 text-sm">
                <Badge tone={METHOD_TONE[operation.method as keyof typeof METHOD_TONE] ?? "grey"}>{operation.method}</Badge>
                <code className="font-mono font-medium text-zinc-900">{operation.path}</code>
                <span className="text-zinc-600">
                  — <InlineCode text={operation.summary} />
                </span>
              </h3>
              {operation.description ? (
                <p className="max-w-3xl text-sm text-zinc-600">
                  <InlineCode text={operation.description} />
                </p>
              ) : null}
              <p className="text-xs text-zinc-500">
                Auth: {operation.auth}
                {operation.permission ? (
                  <>
                    {" "}
                    · Permission: <code className="font-mono">{operation.permission}</code>
                  </>
                ) : null}{" "}
                · Answers: {operation.statuses.map((status) => status.status).join(", ")}
              </p>
              <CopyCode code={operation.curl} label={`curl example for ${operation.method} ${operation.path}`} />
            </article>
          ))}
        </section>
      ))}
    </div>
  );
}
