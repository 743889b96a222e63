import { printable } from "../util/printable.js";
import type { Text } from "../core/text.js";
import { text } from "../messages/text.js";
import { withMessage } from "../messages/translate.js";

/**
 * `message_file_send`'s `file_url` (API document: "a url precisa terminar com a extensão do arquivo"): ChatGuru
 * downloads the file and takes its type from the extension, so a link to `…/boleto?id=1` or a Drive share page fails
 * after the fact. Checked per row before anything is sent.
 */
export function checkFileUrl(raw: string): { ok: true; url: string } | { ok: false; message: string; text: Text } {
  const url = raw.trim();
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return withMessage({ ok: false as const }, text("row.fileUrlNotLink", { url: printable(url) }));
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return withMessage({ ok: false as const }, text("row.fileUrlNotHttp", { url: printable(url) }));
  }
  const last = decodedOrRaw(parsed.pathname.split("/").pop() ?? "");
  if (!/\.[A-Za-z0-9]{1,5}$/.test(last)) {
    return withMessage({ ok: false as const }, text("row.fileUrlNoExtension", { url: printable(url) }));
  }
  return { ok: true, url };
}

/** A stray `%` (`100%.pdf`) makes decodeURIComponent throw; the name is then read as it is (sent as `%25`). */
function decodedOrRaw(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
