import { expandAreaCodes } from "../../chatguru/mock/mock-numbers.js";
import { startMockServer, type MockServerOptions } from "../../chatguru/mock/mock-server.js";
import { UsageError } from "../../errors.js";
import { check, type Rule } from "../../options.js";
import { numberFlag } from "../flag-values.js";
import type { CliCommand } from "../command.js";
import type { Text } from "../../core/text.js";
import { text } from "../../messages/text.js";
import { english, ENGLISH } from "../../messages/translate.js";

function list(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  return String(value)
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** A numeric flag read as typed (numberFlag) and checked, so a bad one is quoted as typed rather than as NaN. */
function number(
  args: Record<string, unknown>,
  flag: string,
  plain: Text,
  ok: (n: number) => boolean,
): number | undefined {
  const value = numberFlag(args, flag);
  if (value === undefined) return undefined;
  const words = english(plain);
  const rule: Rule = { ok: (v) => typeof v === "number" && ok(v), expected: words, plain: words, plainText: plain };
  return check<number>(flag, value, rule, { flags: { [flag]: `--${flag}` } });
}

const probability = (n: number): boolean => Number.isFinite(n) && n >= 0 && n <= 1;
const milliseconds = (n: number): boolean => Number.isFinite(n) && n >= 0;
const integerFrom0 = (n: number): boolean => Number.isInteger(n) && n >= 0;

/** Flags → options, each rejected with an exact message before anything listens. */
export function mockOptionsFromFlags(args: Record<string, unknown>): MockServerOptions {
  const options: MockServerOptions = {};
  const set = <K extends keyof MockServerOptions>(key: K, value: MockServerOptions[K] | undefined): void => {
    if (value !== undefined) options[key] = value;
  };
  set(
    "port",
    number(args, "port", text("mock.rule.port"), (n) => integerFrom0(n) && n <= 65535),
  );
  set("latencyMs", number(args, "latency", text("mock.rule.ms"), milliseconds));
  set("addDelayMs", number(args, "add-delay", text("mock.rule.ms"), milliseconds));
  set("addDelayMaxMs", number(args, "add-delay-max", text("mock.rule.ms"), milliseconds));
  set("failRate", number(args, "fail-rate", text("mock.rule.probability"), probability));
  set("rateLimit", number(args, "rate-limit", text("mock.rule.rateLimit"), integerFrom0));
  set("resetRate", number(args, "reset-rate", text("mock.rule.probability"), probability));
  set("timeoutRate", number(args, "timeout-rate", text("mock.rule.probability"), probability));
  set("applyThenFailRate", number(args, "apply-then-fail-rate", text("mock.rule.probability"), probability));
  set("applyThenFailActions", list(args.applyThenFailActions));
  set("seed", number(args, "seed", text("mock.rule.seed"), Number.isInteger));
  set("customFields", list(args.fields));
  set("twelveDigitShare", number(args, "twelve-digit-share", text("mock.rule.share"), probability));
  const areas = list(args["twelve-digit-areas"]);
  if (areas) {
    if (expandAreaCodes(areas) === undefined)
      throw new UsageError(text("mock.areasInvalid", { value: String(args["twelve-digit-areas"]) }), {
        code: "USAGE_FLAG_INVALID",
      });
    options.twelveDigitAreaCodes = areas;
  }
  if (args["existing-by-rule"] === true) options.existingByRule = true;
  set("dialogs", list(args.dialogs));
  set("users", list(args.users));
  const existing = list(args.existing);
  if (existing) {
    const bad = existing.find((n) => !/^\d{8,15}$/.test(n));
    if (bad !== undefined)
      throw new UsageError(text("mock.existingInvalid", { value: bad }), { code: "USAGE_FLAG_INVALID" });
    options.existingChats = existing;
  }
  if (args.official === true) options.officialWhatsApp = true;
  if (args.dialogQuirk === false) options.dialogContextQuirk = false;
  return options;
}

export const mockServerCommand: CliCommand = {
  command: "mock-server",
  describe: "help.cmd.mockServer",
  builder: (y, sp) =>
    y.options({
      // Numbers are untyped and without yargs defaults: see numberFlag(). No --port is port 0.
      port: { describe: sp.t("help.opt.port"), defaultDescription: "0" },
      latency: { describe: sp.t("help.opt.latency") },
      "add-delay": { describe: sp.t("help.opt.addDelay") },
      "add-delay-max": { describe: sp.t("help.opt.addDelayMax") },
      "fail-rate": { describe: sp.t("help.opt.failRate") },
      "rate-limit": { describe: sp.t("help.opt.rateLimit") },
      "reset-rate": { describe: sp.t("help.opt.resetRate") },
      "timeout-rate": { describe: sp.t("help.opt.timeoutRate") },
      "apply-then-fail-rate": { describe: sp.t("help.opt.applyThenFailRate") },
      "apply-then-fail-actions": { type: "string", describe: sp.t("help.opt.applyThenFailActions") },
      seed: { describe: sp.t("help.opt.seed") },
      fields: { type: "string", describe: sp.t("help.opt.fields") },
      existing: { type: "string", describe: sp.t("help.opt.existing") },
      "existing-by-rule": { type: "boolean", describe: sp.t("help.opt.existingByRule") },
      "twelve-digit-areas": {
        type: "string",
        describe: sp.t("help.opt.twelveDigitAreas"),
        defaultDescription: "47,48,49,51,53,54,55",
      },
      "twelve-digit-share": { describe: sp.t("help.opt.twelveDigitShare") },
      dialogs: { type: "string", describe: sp.t("help.opt.dialogs"), defaultDescription: "dlg-1,dlg-2,dlg-3" },
      users: { type: "string", describe: sp.t("help.opt.users"), defaultDescription: "u1,u2,u3" },
      official: { type: "boolean", describe: sp.t("help.opt.official") },
      "dialog-quirk": { type: "boolean", describe: sp.t("help.opt.dialogQuirk"), default: true },
    }),
  run: async (args, io) => {
    const options = mockOptionsFromFlags(args);
    if (io.signal.aborted) return 0;
    const server = await startMockServer(options);
    const { key, accountId, phoneId } = server.credentials;
    const sp = io.speaker ?? ENGLISH;
    // The first line is a contract: scripts wait for it and parse the URL (the same in every language).
    io.stdout.write(`${sp.t("mock.listening", { url: server.url })}\n`);
    io.stdout.write(`${sp.t("mock.credentials", { key, accountId, phoneId })}\n`);
    io.stdout.write(
      `export CHATGURU_API_URL=${server.url} CHATGURU_API_KEY=${key} CHATGURU_ACCOUNT_ID=${accountId} CHATGURU_PHONE_ID=${phoneId}\n`,
    );
    io.stdout.write(`${sp.t("mock.state", { port: server.port })}\n`);
    await new Promise<void>((resolve) => {
      if (io.signal.aborted) resolve();
      else io.signal.addEventListener("abort", () => resolve(), { once: true });
    });
    await server.close();
    io.stderr.write(`${sp.t("cli.stopped")}\n`);
    return 0;
  },
};
