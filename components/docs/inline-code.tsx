import { Fragment } from "react";

/**
 * Text from the OpenAPI document, whose descriptions mark code with Markdown backticks
 * ("send `Authorization: Bearer …`"): the marked parts become <code>, the rest stays text.
 */
export function InlineCode({ text }: { text: string }) {
  const parts = text.split("`");
  // An unmatched backtick is shown as it is.
  if (parts.length % 2 === 0) return <>{text}</>;
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <code key={index} className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[0.92em] break-words text-zinc-900">
            {part}
          </code>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </>
  );
}
