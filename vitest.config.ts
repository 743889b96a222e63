import { defineConfig } from "vitest/config";

/**
 * Files that need a module graph of their own, so they run isolated; every other file shares its worker's modules
 * with the files before it (see `isolate: false` below).
 */
const OWN_MODULES = [
  // Replaces node:fs/promises with vi.mock.
  "test/e2e/cli-results-locked.test.ts",
  // Asserts the first id newId() makes for a given instant; ids made earlier in the process move it on (by design).
  "test/unit/ui/names.test.ts",
];

/**
 * Files that drive programs using every core themselves (npm installing 300 packages, Chromium): they run one at a
 * time after the rest, so neither they nor the files beside them are slowed past the 15 s a file may take.
 */
const ALONE = ["test/e2e/install.test.ts", "test/browser/**/*.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    globalSetup: ["test/global-setup.ts"],
    // Vitest's default is one worker less than the cores: a single worker on a 2-core machine, so every wait of a test
    // (a spawned CLI starting, a mock's latency, a poll) left a core idle. Two workers keep both busy.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: "shared",
          include: ["test/**/*.test.ts"],
          exclude: [...OWN_MODULES, ...ALONE],
          // Importing src/ again for each of ~180 files cost more than running their tests (about half of the suite's
          // CPU time). The files restore what they change (timers, env, spies), so they can share a worker's modules.
          isolate: false,
        },
      },
      { extends: true, test: { name: "isolated", include: OWN_MODULES } },
      {
        extends: true,
        test: { name: "alone", include: ALONE, isolate: false, fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
