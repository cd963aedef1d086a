import type { ReactNode } from "react";

/** The frame of the sign-in and sign-up pages: a heading, the form, and a footer link. */
export function AuthCard({
  title,
  description,
  footer,
  children,
}: {
  title: string;
  description: ReactNode;
  footer: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="w-full max-w-sm">
      <div className="rounded-2xl border border-zinc-200 bg-white px-6 py-8 shadow-sm sm:px-8">
        <div className="mb-6 space-y-1.5">
          <h1 className="text-xl font-semibold tracking-tight text-zinc-900">{title}</h1>
          <div className="text-sm leading-relaxed text-zinc-600">{description}</div>
        </div>
        {children}
      </div>
      <p className="mt-6 text-center text-sm text-zinc-600">{footer}</p>
    </div>
  );
}
