"use client";

import { cn } from "@/components/ui/cn";
import { keyActions } from "@/lib/keys/actions";
import type { CatalogScope } from "@/lib/keys/catalog";
import type { KeyPolicy } from "@/lib/keys/policy";
import type { KeyView } from "@/lib/keys/view";
import { EditKeyDialog } from "./edit-key-dialog";
import { RevokeKeyDialog } from "./revoke-key-dialog";
import { RotateKeyDialog } from "./rotate-key-dialog";
import { ToggleKeyButton } from "./toggle-key-button";

export interface KeyEditOptions {
  catalog: CatalogScope[];
  policy: KeyPolicy;
}

/** The buttons a key offers, in the table and on its page: keyActions() decides which. */
export function KeyActionButtons({ apiKey, edit, className }: { apiKey: KeyView; edit: KeyEditOptions; className?: string }) {
  const actions = keyActions(apiKey);
  if (!actions.edit && !actions.toggle && !actions.rotate && !actions.revoke) return null;
  return (
    <div className={cn("flex items-center justify-end gap-0.5", className)} data-testid="key-actions">
      {actions.edit ? <EditKeyDialog apiKey={apiKey} catalog={edit.catalog} policy={edit.policy} /> : null}
      {actions.toggle ? <ToggleKeyButton apiKey={apiKey} action={actions.toggle} /> : null}
      {actions.rotate ? <RotateKeyDialog apiKey={apiKey} /> : null}
      {actions.revoke ? <RevokeKeyDialog apiKey={apiKey} /> : null}
    </div>
  );
}
