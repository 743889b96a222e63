import { createWriteStream, type WriteStream } from "node:fs";
import { rename, unlink } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { megabytes, ui } from "../ui-language.js";
import { badRequest, HttpError } from "../http/http-error.js";

const FILE_KINDS: ReadonlyArray<[RegExp, "csv" | "xlsx"]> = [
  [/\.(csv|txt|tsv)$/i, "csv"],
  [/\.xls[xm]$/i, "xlsx"],
];

/**
 * The name a page sent reduced to a plain file name: its last path segment, no control characters, no leading dots,
 * nothing a shell or Windows would read specially. It is only ever joined under the upload's own folder.
 */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .replace(/[^\p{L}\p{N} ._()+-]/gu, "_")
    .replace(/^[\s.]+/, "")
    .trim()
    .slice(-120);
  return cleaned;
}

/** Which reader a file name asks for, or a 400 naming the kinds the app reads. */
export function fileKind(name: string): "csv" | "xlsx" {
  const kind = FILE_KINDS.find(([pattern]) => pattern.test(name))?.[1];
  if (!kind) throw badRequest("UI_UPLOAD_KIND", ui.t("ui.server.uploadKind", { name: name }));
  return kind;
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, {
    code: "UI_UPLOAD_TOO_LARGE",
    message: ui.t("ui.server.uploadTooLarge", { limit: megabytes(limit) }),
  });
}

/**
 * Streams the request body to `target` (through `target.part`, renamed when complete) and returns its size; never
 * holds the file in memory. Past `limit` bytes — or when Content-Length already says so — it answers 413 and keeps
 * nothing.
 */
export async function receiveUpload(req: IncomingMessage, target: string, limit: number): Promise<number> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) {
    discard(req, 0);
    throw tooLarge(limit);
  }
  const part = `${target}.part`;
  const out = createWriteStream(part, { flags: "wx" });
  let bytes: number;
  try {
    bytes = await copyCapped(req, out, limit);
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  } catch (error) {
    out.destroy();
    await unlink(part).catch(() => {});
    if (error instanceof HttpError) throw error;
    throw new HttpError(400, {
      code: "UI_UPLOAD_ABORTED",
      message: ui.t("ui.server.uploadAborted"),
      detail: String(error),
    });
  }
  if (bytes === 0) {
    await unlink(part).catch(() => {});
    throw badRequest("UI_UPLOAD_EMPTY", ui.t("ui.server.uploadEmpty"));
  }
  await rename(part, target);
  return bytes;
}

/** Request → file with backpressure; past the cap the rest of the body is read and dropped (see discard). */
function copyCapped(req: IncomingMessage, out: WriteStream, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > limit) {
        req.off("data", onData);
        discard(req, bytes);
        reject(tooLarge(limit));
        return;
      }
      if (!out.write(chunk)) {
        req.pause();
        out.once("drain", () => req.resume());
      }
    };
    req.on("data", onData);
    req.once("end", () => resolve(bytes));
    req.once("aborted", () => reject(new Error("the upload was aborted")));
    req.once("error", reject);
    out.once("error", reject);
  });
}

/** Bytes read and dropped after a refusal so the client gets to read the 413 instead of a reset; then cut. */
const DRAIN_LIMIT = 16 * 1024 * 1024;

/**
 * Reads and drops what the client is still sending: answering while it writes would make most clients report a
 * broken connection instead of the 413. Past DRAIN_LIMIT the connection is cut.
 */
function discard(req: IncomingMessage, already: number): void {
  let drained = already;
  req.on("data", (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > already + DRAIN_LIMIT) req.socket.destroy();
  });
  req.resume();
}
