// Spawns `chatguru-sync ui` as a real child process (the CLI built from src/ for the run; the pages come from
// dist/web, built by ensureWebBuilt), so a test can kill it with SIGKILL mid-run and start it again.
import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { cliNodeArgs, repoRoot, TEST_POLL_ENV } from "../../helpers/cli.js";

export interface UiProcess {
  /** `http://127.0.0.1:PORT/?t=TOKEN`, as printed on the first stdout line. */
  startUrl: string;
  origin: string;
  token: string;
  child: ChildProcess;
  output: () => string;
  /** SIGTERM, then waits for the exit (a run in progress is stopped gracefully, as Ctrl-C does). */
  stop: () => Promise<void>;
  /** SIGKILL: the server dies mid-whatever, as a crash or a closed laptop lid would. */
  kill: () => Promise<void>;
}

export interface UiOptions {
  dir: string;
  env: Record<string, string>;
  rate?: number;
  concurrency?: number;
}

export function startUi(options: UiOptions): Promise<UiProcess> {
  const args = [...cliNodeArgs(), "ui", "--no-open", "--port", "0", "--dir", options.dir];
  if (options.rate !== undefined) args.push("--rate", String(options.rate));
  if (options.concurrency !== undefined) args.push("--concurrency", String(options.concurrency));
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      NODE_NO_WARNINGS: "1",
      // Its runs poll the mock's adds on the suite's short schedule, as spawnCli's do (docs/testing.md).
      ...TEST_POLL_ENV,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (out += d));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (out += d));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const ended = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`ui did not print its address in 20 s:\n${out}`));
    }, 20_000);
    const onData = () => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)\/\?t=([A-Za-z0-9_-]+)/.exec(out);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off("data", onData);
      resolve({
        startUrl: `${match[1]}/?t=${match[2]}`,
        origin: match[1]!,
        token: match[2]!,
        child,
        output: () => out,
        stop: () => ended("SIGTERM"),
        kill: () => ended("SIGKILL"),
      });
    };
    child.stdout!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`ui exited (${code}) before printing its address:\n${out}`));
    });
  });
}
