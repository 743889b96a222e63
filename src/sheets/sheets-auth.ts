import { readFile } from "node:fs/promises";
import { auth, type GlobalOptions } from "@googleapis/sheets";
import { ConfigError } from "../errors.js";
import { errnoCode } from "../util/errno.js";
import { text as msg } from "../messages/text.js";
import { english } from "../messages/translate.js";

/** Read and write the cells of sheets shared with the account; nothing else (no Drive scope). */
export const SHEETS_SCOPE = "https://www.googleapis.com/auth/spreadsheets";
/** Where google-auth-library always sends the JWT-bearer exchange; a key file's token_uri is honoured on top of it. */
export const GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token";

export type SheetsAuthClient = Exclude<NonNullable<GlobalOptions["auth"]>, string>;

/** How the gateway authenticates, and what it needs to explain failures without leaking anything. */
export interface SheetsCredentials {
  auth: SheetsAuthClient;
  /** Which of the three ways to authenticate was used, for messages. */
  origin: "GOOGLE_ACCESS_TOKEN" | "GOOGLE_APPLICATION_CREDENTIALS" | "Application Default Credentials";
  /** The service account's client_email, when known: the address the sheet must be shared with. */
  accountEmail?: string;
  /** Token endpoint used by the credentials, so its failures are not mistaken for Sheets API answers. */
  tokenUrl?: string;
  /** Everything that must never appear in a message (tokens, private key), read at the moment of use. */
  secrets(): string[];
}

export const NO_CREDENTIALS_TEXT = msg("google.noCredentials", { scope: SHEETS_SCOPE });
export const NO_CREDENTIALS_MESSAGE = english(NO_CREDENTIALS_TEXT);

/** The most explicit credentials win: GOOGLE_ACCESS_TOKEN, then GOOGLE_APPLICATION_CREDENTIALS, then ADC. */
export async function resolveSheetsCredentials(env: Record<string, string | undefined>): Promise<SheetsCredentials> {
  const token = env.GOOGLE_ACCESS_TOKEN?.trim();
  if (token) return fromAccessToken(token);
  const keyFile = env.GOOGLE_APPLICATION_CREDENTIALS?.trim();
  if (keyFile) return fromKeyFile(keyFile);
  return fromApplicationDefault();
}

function fromAccessToken(token: string): SheetsCredentials {
  const client = new auth.OAuth2();
  // No refresh_token and no expiry: the client sends the token as-is and a 401 comes straight back to us.
  client.setCredentials({ access_token: token });
  return { auth: client, origin: "GOOGLE_ACCESS_TOKEN", secrets: () => [token] };
}

interface KeyFileJson {
  type?: unknown;
  client_email?: unknown;
  private_key?: unknown;
  private_key_id?: unknown;
  token_uri?: unknown;
}

async function fromKeyFile(path: string): Promise<SheetsCredentials> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = errnoCode(error);
    throw new ConfigError(
      "SHEETS_CREDENTIALS_FILE",
      code === "ENOENT" ? msg("google.keyFileMissing", { path }) : msg("google.keyFileUnreadable", { path, code }),
    );
  }
  let json: KeyFileJson;
  try {
    json = JSON.parse(text) as KeyFileJson;
  } catch {
    // The parser's message quotes the file's content, which holds a private key: say only where.
    throw new ConfigError("SHEETS_CREDENTIALS_FILE", msg("google.notJsonKey", { path }));
  }
  if (json === null || typeof json !== "object") {
    throw new ConfigError("SHEETS_CREDENTIALS_FILE", msg("google.notJsonKey", { path }));
  }

  if (json.type !== "service_account") {
    // authorized_user / external_account files: google-auth-library knows them all.
    const googleAuth = new auth.GoogleAuth({ keyFile: path, scopes: [SHEETS_SCOPE] });
    return {
      auth: googleAuth,
      origin: "GOOGLE_APPLICATION_CREDENTIALS",
      secrets: () => [],
    };
  }

  if (typeof json.client_email !== "string" || typeof json.private_key !== "string") {
    throw new ConfigError(
      "SHEETS_CREDENTIALS_FILE",
      msg("google.keyMissingField", {
        path,
        field: typeof json.client_email !== "string" ? "client_email" : "private_key",
      }),
    );
  }
  const privateKey = json.private_key;
  const client = new auth.JWT({
    email: json.client_email,
    key: privateKey,
    ...(typeof json.private_key_id === "string" ? { keyId: json.private_key_id } : {}),
    // With scopes the JWT client exchanges an assertion for an access token (the documented flow), rather than
    // self-signing per-request JWTs.
    scopes: [SHEETS_SCOPE],
  });
  let tokenUrl = GOOGLE_TOKEN_URL;
  if (typeof json.token_uri === "string" && json.token_uri !== "") {
    try {
      tokenUrl = new URL(json.token_uri).href;
    } catch {
      throw new ConfigError("SHEETS_CREDENTIALS_FILE", msg("google.tokenUriInvalid", { path }));
    }
  }
  client.transporter.interceptors.request.add({
    resolved: async (config) => {
      if (String(config.url) === GOOGLE_TOKEN_URL) {
        // gtoken hard-codes Google's endpoint; the key file says where its tokens come from.
        if (tokenUrl !== GOOGLE_TOKEN_URL) config.url = new URL(tokenUrl);
        // Our retry loop owns retries (and their pacing and events), including the token exchange's.
        config.retryConfig = { ...config.retryConfig, retry: 0 };
      }
      return config;
    },
  });
  return {
    auth: client,
    origin: "GOOGLE_APPLICATION_CREDENTIALS",
    accountEmail: json.client_email,
    tokenUrl,
    secrets: () => [privateKey, ...pemBody(privateKey), client.credentials.access_token ?? undefined].filter(isString),
  };
}

async function fromApplicationDefault(): Promise<SheetsCredentials> {
  const googleAuth = new auth.GoogleAuth({ scopes: [SHEETS_SCOPE] });
  let client: Awaited<ReturnType<typeof googleAuth.getClient>>;
  try {
    // Resolve now, not at the first request: "no credentials" is a setup problem to report before anything runs.
    client = await googleAuth.getClient();
  } catch {
    throw new ConfigError("SHEETS_NO_CREDENTIALS", NO_CREDENTIALS_TEXT);
  }
  const email = "email" in client && typeof client.email === "string" ? client.email : undefined;
  return {
    auth: googleAuth,
    origin: "Application Default Credentials",
    ...(email ? { accountEmail: email } : {}),
    secrets: () => {
      const credentials =
        "credentials" in client ? (client.credentials as { access_token?: string | null }) : undefined;
      return [credentials?.access_token ?? undefined].filter(isString);
    },
  };
}

/** The base64 lines of a PEM, so a fragment of the key quoted in an error is redacted too. */
function pemBody(pem: string): string[] {
  return pem
    .split(/\r?\n|\\n/)
    .map((line) => line.trim())
    .filter((line) => line.length >= 16 && !line.startsWith("-----"));
}

function isString(value: string | undefined): value is string {
  return typeof value === "string" && value.length > 0;
}
