import { ApiError } from "./api-error.js";

/** A route's method and path; a `{name}` segment matches any one non-empty segment. */
export interface RoutePattern {
  method: string;
  path: string;
}

/**
 * The route for `method path` (relative to `prefix`) and its path parameters. No route for the path
 * is a 404; a path served only with other methods is a 405 with `Allow`.
 */
export function resolveRoute<R extends RoutePattern>(
  routes: readonly R[],
  method: string,
  prefix: string,
  path: string,
): { route: R; params: Record<string, string> } {
  const allowed: string[] = [];
  for (const route of routes) {
    const params = matchPath(`${prefix}${route.path}`, path);
    if (!params) continue;
    if (route.method === method) return { route, params };
    allowed.push(route.method);
  }
  if (allowed.length === 0) throw new ApiError("not_found", `Nothing is served at ${method} ${path}.`);
  const allow = allowed.join(", ");
  throw new ApiError("method_not_allowed", `${path} accepts ${allow}, not ${method}.`, {
    headers: { allow },
  });
}

function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const expected = pattern.split("/");
  const actual = path.split("/");
  if (expected.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, segment] of expected.entries()) {
    const value = actual[index] ?? "";
    const name = /^\{(\w+)\}$/.exec(segment)?.[1];
    if (name === undefined) {
      if (segment !== value) return undefined;
      continue;
    }
    const decoded = decodeSegment(value);
    if (!decoded) return undefined;
    params[name] = decoded;
  }
  return params;
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
