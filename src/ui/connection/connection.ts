import type { ChatGuruConnection } from "../../chatguru/types.js";
import { ui } from "../ui-language.js";

export type Env = Readonly<Record<string, string | undefined>>;

/** The four settings, by the names of the environment and `.env` (README "Connection settings"). */
export const VARIABLES = {
  apiUrl: "CHATGURU_API_URL",
  key: "CHATGURU_API_KEY",
  accountId: "CHATGURU_ACCOUNT_ID",
  phoneId: "CHATGURU_PHONE_ID",
} as const;

export type Setting = keyof typeof VARIABLES;
export const SETTINGS = Object.keys(VARIABLES) as Setting[];

/** Where the server reads the settings: the process's own environment, and that merged with the app folder's `.env`. */
export interface EnvReader {
  /** The system environment only (it wins over `.env`). */
  process: Env;
  /** The system environment over `<app folder>/.env`, read again on each call (the Conexão page may have saved it). */
  merged(): Env;
}

/** What GET /api/connection answers: never the key, only its last characters. */
export interface ConnectionView {
  apiUrl: string | null;
  accountId: string | null;
  phoneId: string | null;
  keyHint: string | null;
  complete: boolean;
  from: Record<Setting, "env" | ".env" | "none">;
  warnings: string[];
}

const valueOf = (env: Env, setting: Setting): string | undefined => env[VARIABLES[setting]]?.trim() || undefined;

export function connectionView(reader: EnvReader): ConnectionView {
  const env = reader.merged();
  const from = {} as ConnectionView["from"];
  const warnings: string[] = [];
  for (const setting of SETTINGS) {
    const inProcess = valueOf(reader.process, setting) !== undefined;
    from[setting] = inProcess ? "env" : valueOf(env, setting) !== undefined ? ".env" : "none";
    if (inProcess) warnings.push(ui.t("ui.server.connection.envWins", { variable: VARIABLES[setting] }));
  }
  return {
    apiUrl: valueOf(env, "apiUrl") ?? null,
    accountId: valueOf(env, "accountId") ?? null,
    phoneId: valueOf(env, "phoneId") ?? null,
    keyHint: keyHint(valueOf(env, "key")),
    complete: SETTINGS.every((s) => valueOf(env, s) !== undefined),
    from,
    warnings,
  };
}

/** The connection a run or a check uses, or the settings still missing (pt-BR labels). */
export function resolveSettings(
  env: Env,
  overrides: Partial<Record<Setting, string>> = {},
): { connection: ChatGuruConnection } | { missing: string[] } {
  const values: Partial<Record<Setting, string>> = {};
  const missing: string[] = [];
  for (const setting of SETTINGS) {
    const value = overrides[setting]?.trim() || valueOf(env, setting);
    if (value === undefined) missing.push(ui.t(`ui.server.connection.label.${setting}`));
    else values[setting] = value;
  }
  if (missing.length > 0) return { missing };
  return {
    connection: {
      apiUrl: values.apiUrl!,
      key: values.key!,
      accountId: values.accountId!,
      phoneId: values.phoneId!,
    },
  };
}

/** An http(s) URL, as the client needs it; anything else is said in the person's words. */
export function isApiUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

/** `••••1a2b`: enough for a person to recognise their key, never enough to use it. */
function keyHint(key: string | undefined): string | null {
  if (!key) return null;
  return `••••${key.length > 8 ? key.slice(-4) : ""}`;
}
