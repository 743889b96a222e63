import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";
import type { ChatGuruConnection } from "../chatguru/types.js";
import type { SyncOptions } from "../sync.js";
import type { Text } from "../core/text.js";
import { withHint } from "../messages/hint.js";
import { text } from "../messages/text.js";
import { english, type Speaker } from "../messages/translate.js";
import { ConfigError } from "../errors.js";

/**
 * The only reader of process.env. A `.env` file in the working directory is read too; real environment variables win
 * (so CI secrets override a developer's local file).
 */
export function loadEnvironment(
  cwd: string,
  processEnv: NodeJS.ProcessEnv = process.env,
): Record<string, string | undefined> {
  const file = join(cwd, ".env");
  let fromFile: Record<string, string> = {};
  if (existsSync(file)) {
    try {
      fromFile = parseEnv(keepHashInValues(readFileSync(file, "utf8"))) as Record<string, string>;
    } catch (error) {
      throw new ConfigError("CONFIG_ENV_FILE", text("cli.envFile", { file, message: (error as Error).message }));
    }
  }
  return { ...fromFile, ...processEnv };
}

/** The system environment alone (no `.env`), for `ui`, which reads and writes its own folder's `.env`. */
export function systemEnvironment(): Record<string, string | undefined> {
  return { ...process.env };
}

const ENV_LINE = /^(\s*(?:export\s+)?[\w.-]+\s*=\s*)([^'"`\s][^\r\n]*)$/;

/**
 * Notepad on Windows saves `.env` with a UTF-8 BOM, which node's parseEnv keeps as part of the first name. An unquoted
 * `#` starts a comment for parseEnv even inside a value (an API key may contain one): as in docker compose, only a `#`
 * after whitespace starts a comment here, and the value is re-quoted so parseEnv keeps it whole.
 */
export function keepHashInValues(text: string): string {
  return text
    .replace(/^\uFEFF/, "")
    .split("\n")
    .map((line) => {
      const match = ENV_LINE.exec(line);
      if (!match || !match[2]!.includes("#")) return line;
      const value = match[2]!.replace(/\s+#.*$/, "").trimEnd();
      const quote = ["'", "`", '"'].find((q) => !value.includes(q));
      return quote === undefined ? line : `${match[1]}${quote}${value}${quote}`;
    })
    .join("\n");
}

export interface ConnectionFlags {
  apiUrl?: string | undefined;
  apiKey?: string | undefined;
  accountId?: string | undefined;
  phoneId?: string | undefined;
  timeout?: number | undefined;
}

const SETTINGS = [
  ["apiUrl", "CHATGURU_API_URL", "--api-url"],
  ["apiKey", "CHATGURU_API_KEY", "--api-key"],
  ["accountId", "CHATGURU_ACCOUNT_ID", "--account-id"],
  ["phoneId", "CHATGURU_PHONE_ID", "--phone-id"],
] as const;

/** Flags win over the environment. Every missing setting is named at once (exit 2). */
export function resolveConnection(
  flags: ConnectionFlags,
  env: Record<string, string | undefined>,
  options: { onWarning?: (message: string, said?: Text) => void } = {},
): ChatGuruConnection {
  const values: Record<string, string> = {};
  const missing: Text[] = [];
  for (const [prop, variable, flag] of SETTINGS) {
    const value = (flags[prop] ?? env[variable])?.trim();
    if (value) values[prop] = value;
    else missing.push(text("cli.connectionSetting", { variable, flag }));
  }
  if (missing.length > 0) {
    throw new ConfigError(
      "CONFIG_CONNECTION_MISSING",
      withHint(text("cli.connectionMissing", { settings: missing }), "CONFIG_CONNECTION_MISSING"),
    );
  }
  let url: URL;
  try {
    url = new URL(values.apiUrl!);
  } catch {
    throw new ConfigError("CONFIG_API_URL_INVALID", text("cli.apiUrlInvalid", { url: values.apiUrl! }));
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError("CONFIG_API_URL_INVALID", text("cli.apiUrlProtocol", { protocol: url.protocol }));
  }
  // The key is in every request body: over plain http to another machine anyone on the path can read it.
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    const said = text("cli.plainHttp", { host: url.hostname });
    options.onWarning?.(english(said), said);
  }
  return {
    apiUrl: values.apiUrl!,
    key: values.apiKey!,
    accountId: values.accountId!,
    phoneId: values.phoneId!,
    ...(flags.timeout !== undefined ? { timeoutMs: flags.timeout * 1000 } : {}),
  };
}

/**
 * The locale variables that choose the language of the messages, from the real environment only (a `.env` file is
 * about ChatGuru settings, and is read after the language is known so its own errors can be said in it).
 */
export function localeEnvironment(processEnv: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  return { LC_ALL: processEnv.LC_ALL, LC_MESSAGES: processEnv.LC_MESSAGES, LANG: processEnv.LANG };
}

/** localhost, 127.0.0.0/8, ::1 (a local mock or tunnel): plain http never leaves the machine. */
function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  return host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/** yargs options shared by every command that talks to ChatGuru. */
export const connectionOptions = (sp: Speaker) =>
  ({
    "api-url": { type: "string", describe: sp.t("help.opt.apiUrl") },
    "api-key": { type: "string", describe: sp.t("help.opt.apiKey") },
    "account-id": { type: "string", describe: sp.t("help.opt.accountId") },
    "phone-id": { type: "string", describe: sp.t("help.opt.phoneId") },
  }) as const;

/**
 * The suite's short waits, honoured only when NODE_ENV is "test" (the suite's CLI helpers set it):
 * `CHATGURU_SYNC_TEST_POLL_MS="firstMs,factor,maxMs"` (the chat_add_status poll schedule) and
 * `CHATGURU_SYNC_TEST_PROBE_MS` (how long an add of unknown outcome is probed). A real run waits the ~3 s ChatGuru needs
 * before its first poll and probes for 10 s; a CLI test against the local mock, whose adds settle at once, need not.
 * Ignored outside tests or when malformed, so they can never change a user's run. See docs/testing.md.
 */
export function testWaits(
  env: Record<string, string | undefined>,
): Pick<SyncOptions, "pollSchedule" | "uncertainProbeMs"> {
  if (env.NODE_ENV !== "test") return {};
  const poll = numbers(env.CHATGURU_SYNC_TEST_POLL_MS);
  const probe = numbers(env.CHATGURU_SYNC_TEST_PROBE_MS);
  return {
    ...(poll?.length === 3 && poll[1]! >= 1
      ? { pollSchedule: { firstMs: poll[0]!, factor: poll[1]!, maxMs: poll[2]! } }
      : {}),
    ...(probe?.length === 1 ? { uncertainProbeMs: probe[0]! } : {}),
  };
}

/** "1,2.5,3" → [1, 2.5, 3]; undefined unless every part is a number from 0 up. */
function numbers(value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  const parts = value.split(",").map((part) => (part.trim() === "" ? NaN : Number(part)));
  return parts.every((n) => Number.isFinite(n) && n >= 0) ? parts : undefined;
}
