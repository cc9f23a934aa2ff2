import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** End-to-end tests drive the built server, so build it once before any test runs. */
export default function setup(): void {
  const root = fileURLToPath(new URL("..", import.meta.url));
  execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, "-p", "tsconfig.build.json"], {
    cwd: root,
    stdio: "inherit",
  });
}
