"use client";

import { useState, type FormEvent } from "react";
import { AUDIT_ACTIONS, AUDIT_AREAS } from "@/lib/audit/types";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ACTION_LABELS, AREA_LABELS } from "./action-labels";

/** The filters as the API takes them; dates are whole days in the viewer's calendar. */
export interface AuditFilterValues {
  area: string;
  action: string;
  actor: string;
  fromDay: string;
  toDay: string;
}

export const NO_FILTERS: AuditFilterValues = { area: "", action: "", actor: "", fromDay: "", toDay: "" };

const label = "mb-1 block text-xs font-medium text-zinc-600";

export function AuditFilters({
  initial,
  onApply,
  pending,
}: {
  initial: AuditFilterValues;
  onApply: (values: AuditFilterValues) => void;
  pending: boolean;
}) {
  const [values, setValues] = useState(initial);
  const set = (field: keyof AuditFilterValues) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));
  const actions = AUDIT_ACTIONS.filter((action) => !values.area || action.startsWith(`${values.area}.`));

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(values);
  }

  return (
    <form
      onSubmit={submit}
      aria-label="Filter the audit log"
      className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[1fr_1.3fr_1.3fr_1fr_1fr_auto] lg:items-end"
    >
      <div>
        <label htmlFor="audit-area" className={label}>
          Area
        </label>
        <Select id="audit-area" value={values.area} onChange={(event) => setValues({ ...values, area: event.target.value, action: "" })}>
          <option value="">All areas</option>
          {AUDIT_AREAS.map((area) => (
            <option key={area} value={area}>
              {AREA_LABELS[area]}
            </option>
          ))}
        </Select>
      </div>
      <div>
        <label htmlFor="audit-action" className={label}>
          Action
        </label>
        <Select id="audit-action" value={values.action} onChange={set("action")}>
          <option value="">All actions</option>
          {actions.map((action) => (
            <option key={action} value={action}>
              {ACTION_LABELS[action]}
            </option>
          ))}
        </Select>
      </div>
      <div>
        <label htmlFor="audit-actor" className={label}>
          Actor
        </label>
        <Input id="audit-actor" type="search" placeholder="Email or id" maxLength={320} value={values.actor} onChange={set("actor")} />
      </div>
      <div>
        <label htmlFor="audit-from" className={label}>
          From
        </label>
        <Input id="audit-from" type="date" value={values.fromDay} onChange={set("fromDay")} />
      </div>
      <div>
        <label htmlFor="audit-to" className={label}>
          To
        </label>
        <Input id="audit-to" type="date" value={values.toDay} onChange={set("toDay")} />
      </div>
      <Button type="submit" variant="secondary" pending={pending}>
        Apply
      </Button>
    </form>
  );
}
