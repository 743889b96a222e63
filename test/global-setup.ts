/**
 * Builds the CLI once per test run, from src/, for the tests that spawn it (helpers/cli.ts `spawnCli`, the browser
 * tests' `startUi`). Through tsx each spawned CLI compiled and loaded ~300 modules one by one: about 1.9 s of CPU
 * before it did anything, against 0.8 s for the bundle (node_modules stay external, so the same packages load).
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The bundled src/cli/bin.ts (test/global-setup.ts). */
    cliBundle: string;
  }
}

const repoRoot = fileURLToPath(new URL("..", import.meta.url));

export default async function setup(project: TestProject): Promise<() => void> {
  // Three levels below the repository, as src/cli/*.ts are: init.ts finds mapping.schema.json at ../../../ from its
  // own file, and the ui walks up to package.json for dist/web. One folder per run: two runs may overlap.
  const outdir = join(repoRoot, "node_modules", ".cache", `chatguru-sync-cli-${process.pid}-${project.name}`);
  await build({
    entryPoints: [join(repoRoot, "src", "cli", "bin.ts")],
    outdir,
    bundle: true,
    // bin.ts imports main.js dynamically, after its signal handlers: splitting keeps main (and the packages it
    // imports) out of bin.js, so a signal during the load is still caught.
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
  project.provide("cliBundle", join(outdir, "bin.js"));
  return () => rmSync(outdir, { recursive: true, force: true });
}
