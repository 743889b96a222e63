import { UsageError } from "../../errors.js";
import { expandAreaCodes, storageForm } from "./mock-numbers.js";

/** The fake credentials the mock accepts by default. Obviously not secret. */
export const MOCK_CREDENTIALS = Object.freeze({
  key: "mock-key-not-secret",
  accountId: "mock-account-1",
  phoneId: "mock-phone-1",
});

export interface MockCredentials {
  key: string;
  accountId: string;
  phoneId: string;
}

/** A chat that exists before the run, stored exactly under `number` (e.g. a 12-digit form). */
export type MockExistingChat = string | { number: string; name?: string; fields?: Record<string, string> };

/** Behaviour and faults of the mock; everything but `port`, `credentials` and `existingChats` can change at runtime. */
export interface MockBehaviour {
  /**
   * Custom fields of the fake account by API name (`field__CRM__Link_negocio`, as ChatGuru's field manager shows them);
   * a panel name is read with the mock's own table (mock-field-names.ts), never the client's. @default DEFAULT_MOCK_FIELDS
   */
  customFields: string[];
  /**
   * Area codes whose 13-digit mobiles are stored in the 12-digit form (without the 9th digit); a range such as
   * `"31-99"` stands for every code in it. @default ["47","48","49","51","53","54","55"]
   */
  twelveDigitAreaCodes: string[];
  /**
   * Share (0–1) of the mobiles of the other area codes that are stored in the 12-digit form too, as old registrations
   * are; which numbers is fixed by the seed. @default 0
   */
  twelveDigitShare: number;
  /** Numbers whose chat_add ends in `error`. @default [] */
  refusedNumbers: string[];
  /** Also refuse every number ending in "0000" ("Número não possui WhatsApp"). @default true */
  refuseZeroSuffix: boolean;
  /** Official WhatsApp Business number: chat_add with non-blank text → 400 "Mensagem inicial inválida". @default false */
  officialWhatsApp: boolean;
  /** The first dialog_execute per chat answers result "error" "contexto não foi validado". @default true */
  dialogContextQuirk: boolean;
  /**
   * Dialog ids the fake account has (Chatbot → Diálogos). chat_add and dialog_execute with any other id answer 400
   * "Diálogo não encontrado" (a guess: docs/chatguru-api-notes.md). @default DEFAULT_MOCK_DIALOGS
   */
  dialogs: string[];
  /** User ids the fake account has (Usuários). chat_add with any other user_id answers 400 "Usuário não encontrado". @default DEFAULT_MOCK_USERS */
  users: string[];
  /** How long chat_add stays `pending`. @default 0 */
  addDelayMs: number;
  /** When above `addDelayMs`: each add's delay is drawn from addDelayMs–addDelayMaxMs by the seeded PRNG. @default 0 */
  addDelayMaxMs: number;
  /** How long an unscheduled message stays `scheduled` before `sent`. @default 500 */
  messageSentAfterMs: number;
  /** Delay before every API response. @default 0 */
  latencyMs: number;
  /** Probability of a 500/502/503 with an HTML body (effect not applied). @default 0 */
  failRate: number;
  /** API requests per second (sliding 1 s window) above which the mock answers 429 + Retry-After: 1; 0 = no limit. @default 0 */
  rateLimit: number;
  /** Probability of a destroyed socket; half of them after the effect was applied (a lost response). @default 0 */
  resetRate: number;
  /** Probability of never answering; half of them after the effect was applied. @default 0 */
  timeoutRate: number;
  /**
   * Probability that a request ChatGuru carried out is answered with a 500/502/504 anyway — a server that crashed, or
   * a proxy that gave up, after the work was done (a message sent, a note added). What makes resending a send
   * dangerous. Drawn from its own seeded sequence, so turning it on does not shift the other faults. @default 0
   */
  applyThenFailRate: number;
  /** Actions `applyThenFailRate` applies to (e.g. `["message_send"]`); empty = every action. @default [] */
  applyThenFailActions: string[];
  /** The statuses an applied-then-failed request is answered with, picked at random. @default [500, 502, 504] */
  applyThenFailStatuses: number[];
  /** Seed of the fault PRNG, so a faulty run is reproducible. @default 1 */
  seed: number;
}

export interface MockServerOptions extends Partial<MockBehaviour> {
  /** @default 0 (a free port) */
  port?: number;
  /** @default MOCK_CREDENTIALS */
  credentials?: Partial<MockCredentials>;
  /** Chats that exist from the start. @default [] */
  existingChats?: MockExistingChat[];
  /**
   * Store each existing chat given in the 13-digit form the way a new chat would be (twelveDigitAreaCodes,
   * twelveDigitShare) instead of exactly as given: an old customer base spread over the country. @default false
   */
  existingByRule?: boolean;
}

/** The fake account's fields by API name, as the field manager lists them (mock-field-names.ts). */
export const DEFAULT_MOCK_FIELDS: readonly string[] = [
  "field__Email",
  "field__CRM__Link_negocio",
  "field__Origem",
  "field__Cidade_UF",
  "field__Etapa",
  "field__Etapa_do_funil",
  "field__Empresa",
];

/** The fake account's dialogs and users, by id. */
export const DEFAULT_MOCK_DIALOGS: readonly string[] = ["dlg-1", "dlg-2", "dlg-3"];
export const DEFAULT_MOCK_USERS: readonly string[] = ["u1", "u2", "u3"];

export const DEFAULT_MOCK_BEHAVIOUR: Readonly<MockBehaviour> = Object.freeze({
  customFields: [...DEFAULT_MOCK_FIELDS],
  dialogs: [...DEFAULT_MOCK_DIALOGS],
  users: [...DEFAULT_MOCK_USERS],
  twelveDigitAreaCodes: ["47", "48", "49", "51", "53", "54", "55"],
  twelveDigitShare: 0,
  refusedNumbers: [],
  refuseZeroSuffix: true,
  officialWhatsApp: false,
  dialogContextQuirk: true,
  addDelayMs: 0,
  addDelayMaxMs: 0,
  messageSentAfterMs: 500,
  latencyMs: 0,
  failRate: 0,
  rateLimit: 0,
  resetRate: 0,
  timeoutRate: 0,
  applyThenFailRate: 0,
  applyThenFailActions: [],
  applyThenFailStatuses: [500, 502, 504],
  seed: 1,
});

const BEHAVIOUR_KEYS = Object.keys(DEFAULT_MOCK_BEHAVIOUR) as Array<keyof MockBehaviour>;

function describeValue(value: unknown): string {
  return `\`${typeof value === "string" ? value : JSON.stringify(value)}\` (${Array.isArray(value) ? "array" : typeof value})`;
}

function invalid(name: string, expected: string, value: unknown): never {
  throw new UsageError(`Expected \`${name}\` to be ${expected}, got ${describeValue(value)}.`, {
    code: "MOCK_OPTION_INVALID",
  });
}

/** Applies `patch` over `base`, rejecting unknown keys and out-of-range values with exact messages. */
export function mergeBehaviour(base: Readonly<MockBehaviour>, patch: Record<string, unknown>): MockBehaviour {
  const next: MockBehaviour = {
    ...base,
    customFields: [...base.customFields],
    twelveDigitAreaCodes: [...base.twelveDigitAreaCodes],
    refusedNumbers: [...base.refusedNumbers],
    applyThenFailActions: [...base.applyThenFailActions],
    applyThenFailStatuses: [...base.applyThenFailStatuses],
    dialogs: [...base.dialogs],
    users: [...base.users],
  };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (!(BEHAVIOUR_KEYS as string[]).includes(key)) {
      throw new UsageError(`Unknown mock option \`${key}\`. Known: ${BEHAVIOUR_KEYS.join(", ")}.`, {
        code: "MOCK_OPTION_INVALID",
      });
    }
    const k = key as keyof MockBehaviour;
    switch (k) {
      case "failRate":
      case "twelveDigitShare":
      case "resetRate":
      case "timeoutRate":
      case "applyThenFailRate":
        if (typeof value !== "number" || !(value >= 0 && value <= 1)) invalid(k, "a number from 0 to 1", value);
        next[k] = value;
        break;
      case "latencyMs":
      case "addDelayMs":
      case "addDelayMaxMs":
      case "messageSentAfterMs":
        if (typeof value !== "number" || !Number.isFinite(value) || value < 0)
          invalid(k, "a number of milliseconds from 0 and up", value);
        next[k] = value;
        break;
      case "rateLimit":
        if (typeof value !== "number" || !Number.isInteger(value) || value < 0)
          invalid(k, "an integer from 0 (no limit) and up", value);
        next[k] = value;
        break;
      case "seed":
        if (typeof value !== "number" || !Number.isInteger(value)) invalid(k, "an integer", value);
        next[k] = value;
        break;
      case "refuseZeroSuffix":
      case "officialWhatsApp":
      case "dialogContextQuirk":
        if (typeof value !== "boolean") invalid(k, "a boolean", value);
        next[k] = value;
        break;
      case "applyThenFailStatuses":
        if (
          !Array.isArray(value) ||
          value.length === 0 ||
          !value.every((v) => typeof v === "number" && Number.isInteger(v) && v >= 500 && v <= 599)
        )
          invalid(k, "a non-empty array of HTTP statuses from 500 to 599", value);
        next[k] = [...(value as number[])];
        break;
      case "twelveDigitAreaCodes": {
        const codes =
          Array.isArray(value) && value.every((v) => typeof v === "string") ? expandAreaCodes(value) : undefined;
        if (codes === undefined) invalid(k, 'an array of two-digit area codes or ranges ("31-99")', value);
        next[k] = codes;
        break;
      }
      case "customFields":
      case "refusedNumbers":
      case "applyThenFailActions":
      case "dialogs":
      case "users":
        if (!Array.isArray(value) || !value.every((v) => typeof v === "string" && v.trim() !== ""))
          invalid(k, "an array of non-empty strings", value);
        next[k] = value.map((v: string) => v.trim());
        break;
    }
  }
  return next;
}

/** Splits MockServerOptions into validated behaviour + the fixed parts. */
export function normalizeMockOptions(options: MockServerOptions): {
  port: number;
  credentials: MockCredentials;
  existingChats: MockExistingChat[];
  behaviour: MockBehaviour;
} {
  const { port = 0, credentials = {}, existingChats = [], existingByRule = false, ...rest } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65535) invalid("port", "an integer from 0 to 65535", port);
  if (typeof existingByRule !== "boolean") invalid("existingByRule", "a boolean", existingByRule);
  for (const chat of existingChats) {
    const number = typeof chat === "string" ? chat : chat?.number;
    if (typeof number !== "string" || !/^\d{8,15}$/.test(number))
      invalid("existingChats", "numbers of 8 to 15 digits", number);
  }
  const behaviour = mergeBehaviour(DEFAULT_MOCK_BEHAVIOUR, rest as Record<string, unknown>);
  return {
    port,
    credentials: { ...MOCK_CREDENTIALS, ...credentials },
    existingChats: existingByRule ? existingChats.map((chat) => storedByRule(chat, behaviour)) : existingChats,
    behaviour,
  };
}

function storedByRule(chat: MockExistingChat, behaviour: MockBehaviour): MockExistingChat {
  return typeof chat === "string"
    ? storageForm(chat, behaviour)
    : { ...chat, number: storageForm(chat.number, behaviour) };
}
