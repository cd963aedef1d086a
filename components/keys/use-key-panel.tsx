"use client";

import Link from "next/link";
import { useRef } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import type { CreatedKey } from "@/lib/keys/view";

interface Snippet {
  id: string;
  label: string;
  code: string;
}

/** How to use a new key: as an environment variable, with curl, and in a Node service. */
function snippets(created: CreatedKey, origin: string): Snippet[] {
  const scopes =
    created.key.scopes.length > 0
      ? `, scopes: [${created.key.scopes
          .slice(0, 2)
          .map((scope) => JSON.stringify(scope))
          .join(", ")}]`
      : "";
  return [
    { id: "env", label: "Environment variable", code: `KEYSMITH_API_KEY=${created.rawKey}` },
    {
      id: "curl",
      label: "Verify with curl",
      code: `curl -X POST ${origin}/api/tokens/verify \\\n  -H "Authorization: Bearer $KEYSMITH_API_KEY"`,
    },
    {
      id: "node",
      label: "Node (Express) middleware",
      code:
        `import { createVerifier } from "@keysmith/sdk";\n` +
        `import { requireApiKey } from "@keysmith/sdk/express";\n\n` +
        `const verifier = createVerifier({ baseUrl: "${origin}" });\n` +
        `app.use("/api", requireApiKey({ verifier${scopes} }));`,
    },
  ];
}

function SnippetBlock({ snippet }: { snippet: Snippet }) {
  const codeRef = useRef<HTMLPreElement>(null);
  return (
    <div className="space-y-1.5">
      <div className="flex items-center justify-between gap-2">
        <p className="text-xs font-medium text-zinc-700" id={`snippet-${snippet.id}`}>
          {snippet.label}
        </p>
        <CopyButton text={snippet.code} fallback={codeRef} size="sm" label={`Copy ${snippet.label.toLowerCase()}`} />
      </div>
      <pre
        ref={codeRef}
        tabIndex={0}
        aria-labelledby={`snippet-${snippet.id}`}
        data-testid={`snippet-${snippet.id}`}
        className="max-w-full overflow-x-auto rounded-md bg-zinc-950 p-3 font-mono text-xs leading-relaxed text-zinc-100 focus-visible:outline-2 focus-visible:outline-zinc-900"
      >
        {snippet.code}
      </pre>
    </div>
  );
}

/** The "use this key" panel shown with a new key. */
export function UseKeyPanel({ created }: { created: CreatedKey }) {
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  return (
    // Closed at first: the key and its warning come first, and the dialog stays short on a phone.
    <details className="rounded-lg border border-zinc-200 p-3" data-testid="use-key-panel">
      <summary className="cursor-pointer text-sm font-medium text-zinc-900">
        Use this key: environment variable, curl, Node middleware
      </summary>
      <div className="mt-3 space-y-3">
        {snippets(created, origin).map((snippet) => (
          <SnippetBlock key={snippet.id} snippet={snippet} />
        ))}
        <p className="text-xs text-zinc-600">
          More in the{" "}
          <Link href="/docs" target="_blank" rel="noreferrer" className="font-medium text-zinc-900 underline underline-offset-2">
            API docs (opens in a new tab)
          </Link>
          .
        </p>
      </div>
    </details>
  );
}
