import { createHash, hash } from "node:crypto";
import type { ContactDraft } from "../../mapping/contact.js";

/**
 * Hash of everything a row asks ChatGuru to hold (change detection: an unchanged hash means nothing to send). Field names are sorted so a reordered
 * mapping does not look like a change; the phone is included so a corrected number re-syncs. Built by plain string
 * concatenation with control-character separators and hashed one-shot: this runs on every row of every scheduled
 * re-run (≈ 3× faster than JSON.stringify + createHash on 100 000 rows). Not a security boundary, only identity.
 */
export function valuesHash(draft: ContactDraft): string {
  let material = `${draft.phone.canonical}\u0000${draft.name}`;
  const names = Object.keys(draft.fields);
  if (names.length > 1) names.sort();
  for (const name of names) material += `\u0000${name}\u0001${draft.fields[name]}`;
  material += `\u0000${draft.note ?? "\u0002"}\u0000${draft.dialogId ?? "\u0002"}`;
  // Appended ONLY when present, so the hashes in journals written before messages existed do not change (a changed
  // hash would re-send every row once). A changed message text or file url must re-run the row: it is a new message.
  if (draft.message) material += `\u0003m\u0001${draft.message.text}\u0001${draft.message.sendDate ?? ""}`;
  if (draft.file) material += `\u0003f\u0001${draft.file.url}\u0001${draft.file.caption ?? ""}`;
  if (draft.context) {
    const vars = Object.keys(draft.context).sort();
    for (const name of vars) material += `\u0003c\u0001${name}\u0001${draft.context[name]}`;
  }
  return hash("sha1", material, "base64url");
}

/**
 * Short hash of one text (a note, a dialog id, a message) to remember that exactly this was applied. createHash, not
 * the one-shot `hash()`: on Node 20.20 `hash("sha1", s, "base64url")` was seen to return a different first character
 * on an early call in a process (`Y1Uu…` then `y1Uu…` for the same string). A message's identity must never wobble,
 * or a re-run would take the same text for a new message. Same digest as before whenever hash() was right.
 */
export function textHash(text: string): string {
  return createHash("sha1").update(text).digest("base64url").slice(0, 16);
}
