import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/cli.js";

/** Files under `dir` (relative to the repository) whose name ends in one of `extensions`. */
function filesUnder(dir: string, extensions: string[]): string[] {
  const full = path.join(repoRoot, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full).flatMap((name) => {
    const relative = path.join(dir, name);
    if (statSync(path.join(repoRoot, relative)).isDirectory()) return filesUnder(relative, extensions);
    return extensions.some((extension) => name.endsWith(extension)) ? [relative] : [];
  });
}

describe("docs a newcomer can open", () => {
  it("every docs/ page a comment points to exists", () => {
    const code = ["src", "web", "test", "bench", "scripts"].flatMap((dir) =>
      filesUnder(dir, [".ts", ".tsx", ".mjs", ".js"]),
    );
    const missing = code.flatMap((file) =>
      [...readFileSync(path.join(repoRoot, file), "utf8").matchAll(/\bdocs\/([a-z0-9-]+\.md)/g)]
        .map((match) => match[1]!)
        .filter((page) => !existsSync(path.join(repoRoot, "docs", page)))
        .map((page) => `${file} → docs/${page}`),
    );
    expect(missing).toEqual([]);
  });

  it("every relative link in the README and docs/ leads to a file", () => {
    const pages = ["README.md", ...filesUnder("docs", [".md"])];
    const broken = pages.flatMap((page) =>
      [...readFileSync(path.join(repoRoot, page), "utf8").matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
        .map((match) => match[1]!)
        .filter((target) => !/^[a-z]+:/.test(target))
        .filter((target) => !existsSync(path.join(repoRoot, path.dirname(page), target)))
        .map((target) => `${page} → ${target}`),
    );
    expect(broken).toEqual([]);
  });
});
