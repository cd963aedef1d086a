"use client";

import { type FormEvent } from "react";
import { apiRequest } from "@/components/api-request";
import { useRefreshingAction } from "@/components/use-refreshing-action";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { countOf } from "@/components/ui/format";
import { Input } from "@/components/ui/input";
import type { ProjectView } from "@/lib/projects/service";
import { SettingsSection } from "./section";

/** Create, rename and delete projects. Deleting refuses while a usable key is limited to the project. */
export function ProjectsList({ projects, canWrite }: { projects: ProjectView[]; canWrite: boolean }) {
  const { run, pending, error } = useRefreshingAction();

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get("name") ?? "");
    if (await run(() => apiRequest("/api/projects", { method: "POST", body: { name } }), `Project ${name} added.`)) form.reset();
  }

  return (
    <SettingsSection
      id="projects"
      title="Projects"
      description="A key can be limited to one project; verification reports its projectId. A project with usable keys cannot be deleted."
    >
      {error ? (
        <Callout tone="error" role="alert" className="mb-3">
          {error}
        </Callout>
      ) : null}
      <ul className="divide-y divide-zinc-100">
        {projects.map((project) => (
          <li
            key={project.id}
            className="flex items-center justify-between gap-3 py-2"
            data-testid="project-row"
            data-focus-row={project.id}
          >
            <span className="text-sm font-medium text-zinc-900">{project.name}</span>
            <span className="ml-auto text-xs text-zinc-500">{countOf(project.liveKeyCount, "usable key")}</span>
            {canWrite ? (
              <div className="flex gap-1">
                <Button
                  variant="ghost"
                  size="sm"
                  disabled={pending}
                  onClick={() => {
                    const name = window.prompt("New name", project.name);
                    if (name)
                      void run(
                        () => apiRequest(`/api/projects/${project.id}`, { method: "PATCH", body: { name } }),
                        `Project renamed to ${name}.`,
                      );
                  }}
                >
                  Rename
                </Button>
                <ConfirmDialog
                  trigger={{ label: "Delete", ariaLabel: `Delete ${project.name}` }}
                  title={`Delete ${project.name}?`}
                  description="Its name goes from every key that named it. A project with usable keys cannot be deleted: revoke them first."
                  confirmLabel="Delete"
                  action={() => apiRequest(`/api/projects/${project.id}`, { method: "DELETE" })}
                  done={`Project ${project.name} deleted.`}
                />
              </div>
            ) : null}
          </li>
        ))}
        {projects.length === 0 ? <li className="py-2 text-sm text-zinc-500">No projects yet.</li> : null}
      </ul>
      {canWrite ? (
        <form onSubmit={create} className="mt-3 flex gap-2">
          <Input name="name" aria-label="Project name" placeholder="New project name" maxLength={64} required className="sm:max-w-64" />
          <Button type="submit" variant="secondary" pending={pending}>
            Add project
          </Button>
        </form>
      ) : null}
    </SettingsSection>
  );
}
