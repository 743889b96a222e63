import { printable } from "../util/printable.js";

/**
 * `message_file_send`'s `file_url` (API document: "a url precisa terminar com a extensão do arquivo"): ChatGuru
 * downloads the file and takes its type from the extension, so a link to `…/boleto?id=1` or a Drive share page fails
 * after the fact. Checked per row before anything is sent.
 */
export function checkFileUrl(raw: string): { ok: true; url: string } | { ok: false; message: string } {
  const url = raw.trim();
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, message: `"${printable(url)}" is not a link: the file must be an http(s) URL` };
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return {
      ok: false,
      message: `"${printable(url)}" is not an http(s) link: ChatGuru downloads the file from the web`,
    };
  }
  const last = decodedOrRaw(parsed.pathname.split("/").pop() ?? "");
  if (!/\.[A-Za-z0-9]{1,5}$/.test(last)) {
    return {
      ok: false,
      message: `"${printable(url)}" does not end in the file's extension (e.g. .pdf): ChatGuru needs it to know the file type`,
    };
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
