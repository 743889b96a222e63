import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { ExitCode } from "../../core/exit-code.js";
import { UsageError } from "../../errors.js";
import { check, rules } from "../../options.js";
import { startUiServer } from "../../ui/server.js";
import type { CliCommand } from "../command.js";
import { loadEnvironment } from "../env.js";
import { numberFlag, textFlag } from "../flag-values.js";
import { CLI_NAMING } from "../naming.js";
import { openBrowser } from "../open-browser.js";

const PORT = {
  ok: (v: unknown) => typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 65535,
  expected: "a whole number from 0 to 65535",
  plain: "a whole number from 0 to 65535",
};

function folderOf(args: Record<string, unknown>, cwd: string): string {
  const dir = resolve(cwd, textFlag(args, "dir") ?? ".");
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new UsageError(`--dir must be an existing folder, got "${String(args.dir)}".`, {
      code: "USAGE_FLAG_INVALID",
    });
  return dir;
}

export const uiCommand: CliCommand = {
  command: "ui",
  describe: "Open the web app (import wizard, live run, history) on a local server at 127.0.0.1",
  builder: (y) =>
    y
      .options({
        port: { describe: "Port (0 = any free port)", defaultDescription: "0" },
        open: {
          type: "boolean",
          default: true,
          describe: "Open the address in the browser (--no-open: only print it)",
        },
        dir: { type: "string", describe: "The app folder: .env, mappings, uploads and runs (default: here)" },
        rate: { describe: "Requests per second of every run (0 = no cap)", defaultDescription: "5" },
        concurrency: { describe: "Requests in flight of every run", defaultDescription: "4" },
      })
      .example("$0 ui", "open the import wizard in the browser")
      .example("$0 ui --port 8080 --no-open", "on a fixed port, printing the address only"),
  run: async (args, io) => {
    const flags = { flags: { ...CLI_NAMING.flags, port: "--port" } };
    const typedPort = numberFlag(args, "port");
    const port = typedPort === undefined ? 0 : check<number>("port", typedPort, PORT, flags);
    const typedRate = numberFlag(args, "rate");
    const rate = typedRate === undefined ? 5 : check<number>("rate", typedRate, rules.rate, CLI_NAMING);
    const typedConcurrency = numberFlag(args, "concurrency");
    const concurrency =
      typedConcurrency === undefined
        ? 4
        : check<number>("concurrency", typedConcurrency, rules.integerFrom(1), CLI_NAMING);
    const root = folderOf(args, io.cwd);
    const system = io.systemEnv ?? io.env;
    if (io.signal.aborted) return ExitCode.INTERRUPTED;
    const server = await startUiServer({
      root,
      port,
      rate,
      concurrency,
      env: { process: system, merged: () => loadEnvironment(root, system) },
    }).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === "EADDRINUSE")
        throw new UsageError(`--port ${port} is in use by another program; pick another or use --port 0.`, {
          code: "USAGE_FLAG_INVALID",
        });
      throw error;
    });
    // The first line is a contract (docs/ui-api.md): scripts and the browser tests read the address from it.
    io.stdout.write(`listening on ${server.url}\n`);
    io.stderr.write(
      `app folder: ${root}\nOpen the address above in a browser (it carries the access token). Stop with Ctrl-C.\n`,
    );
    if (args.open !== false) openBrowser(server.url);
    await new Promise<void>((done) => {
      if (io.signal.aborted) done();
      else io.signal.addEventListener("abort", () => done(), { once: true });
    });
    const stopping = server.runs.activeIds().length;
    if (stopping > 0) io.stderr.write(`stopping ${stopping} run${stopping === 1 ? "" : "s"} gracefully…\n`);
    await server.close();
    io.stderr.write("ui stopped\n");
    return stopping > 0 ? ExitCode.INTERRUPTED : ExitCode.OK;
  },
};
