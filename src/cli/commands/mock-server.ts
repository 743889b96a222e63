import { expandAreaCodes } from "../../chatguru/mock/mock-numbers.js";
import { startMockServer, type MockServerOptions } from "../../chatguru/mock/mock-server.js";
import { UsageError } from "../../errors.js";
import { check, type Rule } from "../../options.js";
import { numberFlag } from "../flag-values.js";
import type { CliCommand } from "../command.js";

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
  plain: string,
  ok: (n: number) => boolean,
): number | undefined {
  const value = numberFlag(args, flag);
  if (value === undefined) return undefined;
  const rule: Rule = { ok: (v) => typeof v === "number" && ok(v), expected: plain, plain };
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
    number(args, "port", "a whole number from 0 to 65535", (n) => integerFrom0(n) && n <= 65535),
  );
  set("latencyMs", number(args, "latency", "milliseconds from 0 up", milliseconds));
  set("addDelayMs", number(args, "add-delay", "milliseconds from 0 up", milliseconds));
  set("addDelayMaxMs", number(args, "add-delay-max", "milliseconds from 0 up", milliseconds));
  set("failRate", number(args, "fail-rate", "a probability from 0 to 1", probability));
  set("rateLimit", number(args, "rate-limit", "a whole number from 0 (no limit) up", integerFrom0));
  set("resetRate", number(args, "reset-rate", "a probability from 0 to 1", probability));
  set("timeoutRate", number(args, "timeout-rate", "a probability from 0 to 1", probability));
  set("applyThenFailRate", number(args, "apply-then-fail-rate", "a probability from 0 to 1", probability));
  set("applyThenFailActions", list(args.applyThenFailActions));
  set("seed", number(args, "seed", "a whole number", Number.isInteger));
  set("customFields", list(args.fields));
  set("twelveDigitShare", number(args, "twelve-digit-share", "a share from 0 to 1", probability));
  const areas = list(args["twelve-digit-areas"]);
  if (areas) {
    if (expandAreaCodes(areas) === undefined)
      throw new UsageError(
        `Expected --twelve-digit-areas to list two-digit area codes or ranges (e.g. 47,48 or 31-99), got "${String(args["twelve-digit-areas"])}".`,
        { code: "USAGE_FLAG_INVALID" },
      );
    options.twelveDigitAreaCodes = areas;
  }
  if (args["existing-by-rule"] === true) options.existingByRule = true;
  set("dialogs", list(args.dialogs));
  set("users", list(args.users));
  const existing = list(args.existing);
  if (existing) {
    const bad = existing.find((n) => !/^\d{8,15}$/.test(n));
    if (bad !== undefined)
      throw new UsageError(`Expected --existing to list numbers of digits only (e.g. 5511987654321), got "${bad}".`, {
        code: "USAGE_FLAG_INVALID",
      });
    options.existingChats = existing;
  }
  if (args.official === true) options.officialWhatsApp = true;
  if (args.dialogQuirk === false) options.dialogContextQuirk = false;
  return options;
}

export const mockServerCommand: CliCommand = {
  command: "mock-server",
  describe: "Run the embedded fake ChatGuru API on 127.0.0.1 (for demos and tests)",
  builder: (y) =>
    y.options({
      // Numbers are untyped and without yargs defaults: see numberFlag(). No --port is port 0.
      port: { describe: "Port (0 = any free port)", defaultDescription: "0" },
      latency: { describe: "Delay every API response by MS" },
      "add-delay": { describe: "chat_add stays pending for MS" },
      "add-delay-max": { describe: "Each add pending a seeded-random MS from --add-delay up to this" },
      "fail-rate": { describe: "Probability 0..1 of a 5xx with an HTML body" },
      "rate-limit": { describe: "Answer 429 + Retry-After above N requests/second" },
      "reset-rate": { describe: "Probability 0..1 of a connection reset" },
      "timeout-rate": { describe: "Probability 0..1 of never answering" },
      "apply-then-fail-rate": {
        describe: "Probability 0..1 of carrying a request out, then answering 500/502/504 (a crash after the work)",
      },
      "apply-then-fail-actions": {
        type: "string",
        describe: "Limit --apply-then-fail-rate to these actions, comma-separated (e.g. message_send)",
      },
      seed: { describe: "Seed of the fault generator (reproducible faults)" },
      fields: {
        type: "string",
        describe: 'Configured custom fields, comma-separated (e.g. "Email,CRM | Link negócio")',
      },
      existing: { type: "string", describe: "Numbers that already have a chat, comma-separated" },
      "existing-by-rule": {
        type: "boolean",
        describe: "Store --existing numbers as the 12-digit rules below say, not exactly as given",
      },
      "twelve-digit-areas": {
        type: "string",
        describe: 'Area codes stored without the 9th digit, comma-separated or ranges (e.g. "31-99")',
        defaultDescription: "47,48,49,51,53,54,55",
      },
      "twelve-digit-share": {
        describe: "Share 0..1 of the other area codes' numbers stored without the 9th digit (old registrations)",
      },
      dialogs: {
        type: "string",
        describe: 'Dialog ids the account has, comma-separated; others get "Diálogo não encontrado"',
        defaultDescription: "dlg-1,dlg-2,dlg-3",
      },
      users: {
        type: "string",
        describe: 'User ids the account has, comma-separated; others get "Usuário não encontrado"',
        defaultDescription: "u1,u2,u3",
      },
      official: {
        type: "boolean",
        describe: 'Official WhatsApp number: chat_add with text → "Mensagem inicial inválida"',
      },
      "dialog-quirk": {
        type: "boolean",
        describe: 'First dialog_execute per chat fails "contexto não foi validado"',
        default: true,
      },
    }),
  run: async (args, io) => {
    const options = mockOptionsFromFlags(args);
    if (io.signal.aborted) return 0;
    const server = await startMockServer(options);
    const { key, accountId, phoneId } = server.credentials;
    // The first line is a contract (SPEC §3): scripts wait for it and parse the URL.
    io.stdout.write(`listening on ${server.url}\n`);
    io.stdout.write(`credentials (fake): key=${key} account_id=${accountId} phone_id=${phoneId}\n`);
    io.stdout.write(
      `export CHATGURU_API_URL=${server.url} CHATGURU_API_KEY=${key} CHATGURU_ACCOUNT_ID=${accountId} CHATGURU_PHONE_ID=${phoneId}\n`,
    );
    io.stdout.write(`state: GET http://127.0.0.1:${server.port}/__mock/state — stop with Ctrl-C\n`);
    await new Promise<void>((resolve) => {
      if (io.signal.aborted) resolve();
      else io.signal.addEventListener("abort", () => resolve(), { once: true });
    });
    await server.close();
    io.stderr.write("mock-server stopped\n");
    return 0;
  },
};
