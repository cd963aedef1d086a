import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { KeyIcon } from "@/components/ui/icons";

export default function KeyNotFound() {
  return (
    <section className="flex flex-col items-center rounded-xl border border-dashed border-zinc-300 bg-white px-6 py-16 text-center">
      <div className="grid size-12 place-items-center rounded-full bg-zinc-100 text-zinc-600">
        <KeyIcon className="size-6" />
      </div>
      <h1 className="mt-4 text-base font-semibold text-zinc-900">Key not found</h1>
      <p className="mt-1 max-w-sm text-sm leading-relaxed text-zinc-600">
        There is no such key in your organisation. It may have been deleted, or the link belongs to another organisation.
      </p>
      <Link href="/keys" className={buttonClasses({ variant: "secondary", className: "mt-6" })}>
        Back to API keys
      </Link>
    </section>
  );
}
