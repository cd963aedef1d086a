import type { ReactNode } from "react";
import { cn } from "./cn";
import { ErrorIcon, InfoIcon, WarningIcon } from "./icons";

export type CalloutTone = "info" | "warning" | "error";

const tones: Record<CalloutTone, { box: string; icon: string; Icon: typeof InfoIcon }> = {
  info: { box: "border-sky-200 bg-sky-50 text-sky-900", icon: "text-sky-600", Icon: InfoIcon },
  warning: { box: "border-amber-300 bg-amber-50 text-amber-950", icon: "text-amber-600", Icon: WarningIcon },
  error: { box: "border-red-200 bg-red-50 text-red-900", icon: "text-red-600", Icon: ErrorIcon },
};

interface CalloutProps {
  tone?: CalloutTone;
  title?: ReactNode;
  /** "alert" announces the message as soon as it appears; use it for errors and urgent warnings. */
  role?: "alert" | "status";
  className?: string;
  children?: ReactNode;
}

export function Callout({ tone = "info", title, role, className, children }: CalloutProps) {
  const { box, icon, Icon } = tones[tone];
  return (
    <div role={role} className={cn("flex gap-3 rounded-lg border px-3.5 py-3 text-sm", box, className)}>
      <Icon className={cn("mt-0.5 size-4.5 shrink-0", icon)} />
      <div className="min-w-0 space-y-1">
        {title ? <p className="font-semibold">{title}</p> : null}
        {children ? <div className="leading-relaxed">{children}</div> : null}
      </div>
    </div>
  );
}
