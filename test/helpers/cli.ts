import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { inject } from "vitest";
import { runCli } from "../../src/cli/main.js";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const binTs = fileURLToPath(new URL("../../src/cli/bin.ts", import.meta.url));
/** Absolute, so a child whose cwd is a temp dir (outside the repo) still finds the loader. */
export const tsxLoader = import.meta.resolve("tsx");

/**
 * The node arguments that start the CLI: the bundle test/global-setup.ts built from src/ for this run (quick to
 * start), or the source through tsx when there is none — or when `nodeArgs` are given: a test's loader hook watches
 * the src/ modules load, so they must not be bundled.
 */
export function cliNodeArgs(nodeArgs?: string[]): string[] {
  const bundle = nodeArgs ? undefined : inject("cliBundle");
  return bundle ? [bundle] : ["--import", tsxLoader, ...(nodeArgs ?? []), binTs];
}

/**
 * Every CLI run of the suite polls chat_add_status on a short schedule (the mock's adds settle at once) instead of
 * waiting ChatGuru's real ~3 s first gap, and probes an add of unknown outcome for 300 ms, not 10 s (as FAST does for sync()). A test that asserts the schedule itself passes its own
 * CHATGURU_SYNC_TEST_POLL_MS (or NODE_ENV) in `env`, which wins. See docs/testing.md.
 */
export const TEST_POLL_ENV: Record<string, string> = {
  NODE_ENV: "test",
  CHATGURU_SYNC_TEST_POLL_MS: "30,1.5,200",
  CHATGURU_SYNC_TEST_PROBE_MS: "300",
};

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI in-process (fast). `env` replaces the environment entirely (no .env, no process.env) but for the
 * short test poll schedule (TEST_POLL_ENV), which `env` may override; so the locale is English unless `env` sets
 * LANG/LC_ALL/LC_MESSAGES.
 */
export async function runCliInProcess(
  args: string[],
  options: {
    env?: Record<string, string | undefined>;
    cwd?: string;
    signal?: AbortSignal;
    /** Called with all of stdout so far after each write: a test waits for a line instead of a fixed time. */
    onStdout?: (stdout: string) => void;
  } = {},
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    stdout: {
      write: (s: string) => {
        stdout += s;
        options.onStdout?.(stdout);
        return true;
      },
    },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    env: { ...TEST_POLL_ENV, ...options.env },
    cwd: options.cwd ?? repoRoot,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { code, stdout, stderr };
}

/**
 * Spawns the real CLI as a child process (built from src/ for the run, see cliNodeArgs). `env` is merged over a minimal
 * environment (PATH, HOME, TEST_POLL_ENV, and an English locale: the CLI speaks Portuguese under LANG=pt_BR…, and a
 * test must not depend on the developer's locale) — never the developer's real CHATGURU_* variables.
 */
export function spawnCli(
  args: string[],
  options: {
    env?: Record<string, string>;
    cwd?: string;
    input?: string;
    timeoutMs?: number;
    /** More node flags, e.g. another `--import`: the CLI then runs from its source modules (through tsx). */
    nodeArgs?: string[];
  } = {},
): Promise<CliRun & { signal: NodeJS.Signals | null }> & { child: ReturnType<typeof spawn> } {
  const child = spawn(process.execPath, [...cliNodeArgs(options.nodeArgs), ...args], {
    cwd: options.cwd ?? repoRoot,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      NODE_NO_WARNINGS: "1",
      ...TEST_POLL_ENV,
      LANG: "C.UTF-8",
      ...options.env,
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  if (options.input !== undefined) child.stdin.end(options.input);
  else child.stdin.end();
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
  const done = new Promise<CliRun & { signal: NodeJS.Signals | null }>((resolve) => {
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr, signal });
    });
  });
  return Object.assign(done, { child });
}
