import { z } from "zod";
import { Project } from "../../contract/schemas.js";
import { renderPage } from "../render.js";
import { defineTool, READ_ONLY } from "../tool.js";
import { nextCursorField, pagingShape } from "./shared-fields.js";

export const listProjects = defineTool({
  name: "list_projects",
  title: "List projects",
  description:
    "Lists the active projects of your SSN account. A site visit's projectId must be one of these ids.",
  requiredScopes: ["site-visits:read"],
  toolset: "reference",
  annotations: READ_ONLY,
  input: z.strictObject(pagingShape),
  output: z.object({ projects: z.array(Project).describe("Active projects"), nextCursor: nextCursorField }),
  async run(input, ctx) {
    const page = await ctx.ssn.listProjects(input, { signal: ctx.signal });
    return { projects: page.items, nextCursor: page.nextCursor };
  },
  render({ projects, nextCursor }) {
    return renderPage(projects, (p) => `Project ${p.id}: ${p.name}`, "No active projects.", nextCursor);
  },
});
