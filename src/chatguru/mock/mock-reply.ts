import { randomBytes } from "node:crypto";

/** One answer of the fake API: HTTP status and the JSON body, in ChatGuru's envelope. */
export interface MockReply {
  status: number;
  body: Record<string, unknown>;
}

/** A 24-hex id like the MongoDB ObjectIds ChatGuru hands out for chats, adds, notes and messages. */
export function newObjectId(): string {
  return randomBytes(12).toString("hex");
}

export function ok(status: number, fields: Record<string, unknown>): MockReply {
  return { status, body: { code: status, result: "success", ...fields } };
}

export function fail(status: number, description: string, extra: Record<string, unknown> = {}): MockReply {
  return { status, body: { code: status, result: "error", description, ...extra } };
}

/**
 * What the mock answers for a dialog or user id the account does not have. ChatGuru's own words are not documented:
 * these are guesses, written down with what the client recognises in docs/chatguru-api-notes.md.
 */
export const UNKNOWN_DIALOG = "Diálogo não encontrado";
export const UNKNOWN_USER = "Usuário não encontrado";
