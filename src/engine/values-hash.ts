import { createHash } from "node:crypto";
import type { ContactDraft } from "../mapping/contact.js";

/**
 * Hash of everything a row asks ChatGuru to hold (SPEC §6 change detection). Keys are sorted so a reordered mapping
 * does not look like a change; the phone is included so a corrected number re-syncs.
 */
export function valuesHash(draft: ContactDraft): string {
  const fields = Object.keys(draft.fields)
    .sort()
    .map((name) => [name, draft.fields[name]]);
  const material = JSON.stringify([draft.phone.canonical, draft.name, fields, draft.note ?? null, draft.dialogId ?? null]);
  return createHash("sha256").update(material).digest("base64url").slice(0, 22);
}

/** Short hash of one text (a note, a dialog id) to remember that exactly this was applied. */
export function textHash(text: string): string {
  return createHash("sha256").update(text).digest("base64url").slice(0, 16);
}
