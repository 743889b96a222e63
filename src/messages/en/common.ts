import type { Entry } from "../catalog.js";

/** Building blocks every part uses: a problem's place, a hint after a message, the `error:` prefix. */
export const commonEn = {
  /** A text that has no translation (an operating-system message, ChatGuru's own Portuguese words). */
  raw: (p: { text: string }) => p.text,
  /**
   * The ONE way a problem becomes text, for people and results cells alike:
   * `ROW_PHONE_INVALID: column "Telefone": "12345" is not a valid phone number` (results cell, row implied),
   * `Row 14, column "Telefone": "12345" is not a valid phone number` (terminal line, code left out).
   */
  problem: (p: {
    code?: string | undefined;
    row?: number | undefined;
    column?: string | undefined;
    message: string;
  }) => {
    const where = [
      p.row !== undefined ? `Row ${p.row}` : undefined,
      p.column !== undefined ? `column "${p.column}"` : undefined,
    ].filter((part): part is string => part !== undefined);
    return `${p.code !== undefined ? `${p.code}: ` : ""}${where.length > 0 ? `${where.join(", ")}: ` : ""}${p.message}`;
  },
  /** A results cell with every problem of its row. */
  problemList: (p: { problems: readonly string[] }) => p.problems.join("; "),
  /** `message — hint.`: the message's own final period dropped; a message already carrying the hint is left alone. */
  withHint: (p: { message: string; hint: string }) =>
    p.message.includes(p.hint) ? p.message : `${p.message.replace(/\.\s*$/, "")} — ${p.hint}.`,
  /** Two texts said one after the other (a message and what to do about it). */
  joined: (p: { first: string; second: string; separator: string }) => `${p.first}${p.separator}${p.second}`,
  "prefix.error": (p: { message: string }) => `error: ${p.message}`,
  "prefix.warning": (p: { message: string }) => `warning: ${p.message}`,
} satisfies Record<string, Entry>;
