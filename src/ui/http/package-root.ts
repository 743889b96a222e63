import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The package's own folder (the one whose package.json is chatguru-sync's), found by walking up from this file: the
 * same answer from src/ui through tsx and from dist/ui once built, and wherever npm installed the package.
 */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && isOurs(manifest)) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package.json of chatguru-sync not found above ${from}`);
    dir = parent;
  }
}

function isOurs(manifest: string): boolean {
  try {
    return (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "chatguru-sync";
  } catch {
    return false;
  }
}

/** The package's version, for GET /api/app. */
export function packageVersion(root: string = packageRoot()): string {
  return (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
}
