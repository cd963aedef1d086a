import type { ReactNode } from "react";

export function SettingsSection({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="rounded-xl border border-zinc-200 bg-white p-5 shadow-xs">
      <h2 id={id} className="text-base font-semibold text-zinc-900">
        {title}
      </h2>
      <p className="mt-1 mb-4 max-w-2xl text-sm text-zinc-600">{description}</p>
      {children}
    </section>
  );
}
