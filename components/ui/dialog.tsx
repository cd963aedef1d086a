"use client";

import * as RadixDialog from "@radix-ui/react-dialog";
import type { ComponentProps, ReactNode } from "react";
import { Button } from "./button";
import { cn } from "./cn";
import { CloseIcon } from "./icons";

export const Dialog = RadixDialog.Root;
export const DialogTrigger = RadixDialog.Trigger;
export const DialogClose = RadixDialog.Close;

export const overlayClasses = "fixed inset-0 z-50 bg-zinc-950/40 backdrop-blur-[2px] data-[state=open]:animate-overlay-in";
export const panelClasses =
  "fixed top-1/2 left-1/2 z-50 max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] -translate-x-1/2 -translate-y-1/2 overflow-y-auto " +
  "rounded-xl border border-zinc-200 bg-white p-6 shadow-2xl shadow-zinc-950/10 focus:outline-none data-[state=open]:animate-dialog-in";

interface DialogContentProps extends ComponentProps<typeof RadixDialog.Content> {
  /** Hides the corner close button, e.g. while a request runs. */
  hideClose?: boolean;
}

export function DialogContent({ className, children, hideClose = false, ...props }: DialogContentProps) {
  return (
    <RadixDialog.Portal>
      <RadixDialog.Overlay className={overlayClasses} />
      <RadixDialog.Content className={cn(panelClasses, "sm:max-w-lg", className)} {...props}>
        {children}
        {hideClose ? null : (
          <RadixDialog.Close
            aria-label="Close"
            className={cn(
              "absolute top-4 right-4 rounded-md p-1 text-zinc-400 transition-colors",
              "hover:bg-zinc-100 hover:text-zinc-700 focus-visible:outline-2 focus-visible:outline-zinc-900",
            )}
          >
            <CloseIcon className="size-4.5" />
          </RadixDialog.Close>
        )}
      </RadixDialog.Content>
    </RadixDialog.Portal>
  );
}

export function DialogHeader({ children }: { children: ReactNode }) {
  return <div className="mb-5 space-y-1.5 pr-8">{children}</div>;
}

export function DialogTitle({ className, ...props }: ComponentProps<typeof RadixDialog.Title>) {
  return <RadixDialog.Title className={cn("text-lg font-semibold text-zinc-900", className)} {...props} />;
}

export function DialogDescription({ className, ...props }: ComponentProps<typeof RadixDialog.Description>) {
  return <RadixDialog.Description className={cn("text-sm leading-relaxed text-zinc-600", className)} {...props} />;
}

export function DialogFooter({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={cn("mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end", className)}>{children}</div>;
}

/** The footer's "Cancel": closes the dialog (not while its request runs). */
export function DialogCancel({ disabled = false }: { disabled?: boolean }) {
  return (
    <RadixDialog.Close asChild>
      <Button variant="secondary" disabled={disabled}>
        Cancel
      </Button>
    </RadixDialog.Close>
  );
}
