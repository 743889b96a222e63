// The pages are served from dist/web (what `npm run build` makes, and what `npm ci` makes through `prepare`). A test
// run from a work tree rebuilds them when a file under web/ or the message catalog they load (src/messages/,
// src/core/) is newer than the build, so a test never checks stale pages.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../../helpers/cli.js";

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

export function ensureWebBuilt(): void {
  const built = join(repoRoot, "dist", "web", "web", "main.js");
  const index = join(repoRoot, "dist", "web", "index.html");
  const sources = ["web", "src/messages", "src/core"].map((dir) => newest(join(repoRoot, dir)));
  if (existsSync(built) && existsSync(index) && statSync(built).mtimeMs >= Math.max(...sources)) return;
  execFileSync(
    process.execPath,
    [join(repoRoot, "node_modules", "typescript", "bin", "tsc"), "-p", "web/tsconfig.json"],
    {
      cwd: repoRoot,
      stdio: "inherit",
    },
  );
  execFileSync(process.execPath, [join(repoRoot, "scripts", "build-web-assets.mjs")], {
    cwd: repoRoot,
    stdio: "inherit",
  });
}
