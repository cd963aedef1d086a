"use client";

import * as RadixAlertDialog from "@radix-ui/react-alert-dialog";
import type { ComponentProps } from "react";
import { cn } from "./cn";
import { overlayClasses, panelClasses } from "./dialog";

// An alert dialog asks for confirmation: no corner close button, no closing by a click outside.
export const AlertDialog = RadixAlertDialog.Root;
export const AlertDialogTrigger = RadixAlertDialog.Trigger;
export const AlertDialogCancel = RadixAlertDialog.Cancel;
export const AlertDialogAction = RadixAlertDialog.Action;

export function AlertDialogContent({ className, children, ...props }: ComponentProps<typeof RadixAlertDialog.Content>) {
  return (
    <RadixAlertDialog.Portal>
      <RadixAlertDialog.Overlay className={overlayClasses} />
      <RadixAlertDialog.Content className={cn(panelClasses, "sm:max-w-md", className)} {...props}>
        {children}
      </RadixAlertDialog.Content>
    </RadixAlertDialog.Portal>
  );
}

export function AlertDialogTitle({ className, ...props }: ComponentProps<typeof RadixAlertDialog.Title>) {
  return <RadixAlertDialog.Title className={cn("text-lg font-semibold text-zinc-900", className)} {...props} />;
}

export function AlertDialogDescription({ className, ...props }: ComponentProps<typeof RadixAlertDialog.Description>) {
  return <RadixAlertDialog.Description className={cn("text-sm leading-relaxed text-zinc-600", className)} {...props} />;
}
