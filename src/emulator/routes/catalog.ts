import { parseListQuery } from "../paging.js";
import { activeProjects, items } from "../records/catalog.js";
import { listAnswer, type TenantHandler } from "./context.js";

export const catalogHandlers = {
  listProjects(ctx) {
    return listAnswer(activeProjects(ctx.tenant), parseListQuery("projects", ctx.query, {}));
  },
  listItems(ctx) {
    return listAnswer(items(ctx.tenant), parseListQuery("items", ctx.query, {}));
  },
} satisfies Record<string, TenantHandler>;
