import { notFound } from "../api-error.js";
import type { Tenant } from "../state.js";

/** `GET /projects` lists only active projects, and only those are valid for `projectId` [guide]. */
export function activeProjects(tenant: Tenant): { id: number; name: string; active: boolean }[] {
  return tenant.projects
    .filter((project) => project.active)
    .map(({ id, name, active }) => ({ id, name, active }));
}

export function items(tenant: Tenant): { name: string; description: string | null }[] {
  return tenant.items.map(({ name, description }) => ({ name, description: description ?? null }));
}

export function requireActiveProject(tenant: Tenant, projectId: number): void {
  if (!tenant.projects.some((project) => project.id === projectId && project.active)) {
    throw notFound("active project", projectId, "projectId");
  }
}

export function requireItem(tenant: Tenant, itemName: string): void {
  if (!tenant.items.some((item) => item.name === itemName)) throw notFound("item", itemName, "itemName");
}
