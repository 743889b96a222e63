import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { ExitCode } from "../../core/exit-code.js";
import { UsageError } from "../../errors.js";
import { check, rules } from "../../options.js";
import { startUiServer } from "../../ui/server.js";
import type { CliCommand } from "../command.js";
import { loadEnvironment, testWaits } from "../env.js";
import { numberFlag, textFlag } from "../flag-values.js";
import { CLI_NAMING } from "../naming.js";
import { openBrowser } from "../open-browser.js";
import { text } from "../../messages/text.js";
import { english, ENGLISH } from "../../messages/translate.js";

const PORT_WORDS = text("mock.rule.port");
const PORT = {
  ok: (v: unknown) => typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 65535,
  expected: english(PORT_WORDS),
  plain: english(PORT_WORDS),
  plainText: PORT_WORDS,
};

function folderOf(args: Record<string, unknown>, cwd: string): string {
  const dir = resolve(cwd, textFlag(args, "dir") ?? ".");
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new UsageError(text("ui.cli.dirInvalid", { value: String(args.dir) }), { code: "USAGE_FLAG_INVALID" });
  return dir;
}

export const uiCommand: CliCommand = {
  command: "ui",
  describe: "help.cmd.ui",
  builder: (y, sp) =>
    y
      .options({
        port: { describe: sp.t("help.opt.port"), defaultDescription: "0" },
        open: { type: "boolean", default: true, describe: sp.t("help.opt.open") },
        dir: { type: "string", describe: sp.t("help.opt.dir") },
        rate: { describe: sp.t("help.opt.uiRate"), defaultDescription: "5" },
        concurrency: { describe: sp.t("help.opt.uiConcurrency"), defaultDescription: "4" },
      })
      .example("$0 ui", sp.t("help.ex.ui"))
      .example("$0 ui --port 8080 --no-open", sp.t("help.ex.uiPort")),
  run: async (args, io) => {
    const sp = io.speaker ?? ENGLISH;
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
      // Empty but under the suite (NODE_ENV=test): its runs against the local mock poll on a short schedule.
      runOptions: testWaits(system),
    }).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === "EADDRINUSE")
        throw new UsageError(text("ui.cli.portInUse", { port }), { code: "USAGE_FLAG_INVALID" });
      throw error;
    });
    // The first line is a contract (docs/ui-api.md): scripts and the browser tests read the address from it.
    io.stdout.write(`${sp.t("mock.listening", { url: server.url })}\n`);
    io.stderr.write(`${sp.t("ui.cli.started", { root })}\n`);
    if (args.open !== false) openBrowser(server.url);
    await new Promise<void>((done) => {
      if (io.signal.aborted) done();
      else io.signal.addEventListener("abort", () => done(), { once: true });
    });
    const stopping = server.runs.activeIds().length;
    if (stopping > 0) io.stderr.write(`${sp.t("ui.cli.stopping", { n: stopping })}\n`);
    await server.close();
    io.stderr.write(`${sp.t("ui.cli.stopped")}\n`);
    return stopping > 0 ? ExitCode.INTERRUPTED : ExitCode.OK;
  },
};
