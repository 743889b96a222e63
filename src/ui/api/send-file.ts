import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { ServerResponse } from "node:http";
import { extname } from "node:path";
import { notFound } from "../http/http-error.js";
import { ui } from "../ui-language.js";

const TYPES: Readonly<Record<string, string>> = {
  ".csv": "text/csv; charset=utf-8",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".json": "application/json; charset=utf-8",
};

/** A file of the app as a download (results, errors, plan, report): never shown inline, never cached. */
export async function sendDownload(res: ServerResponse, path: string, name: string): Promise<void> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error("not a file");
    size = info.size;
  } catch {
    throw notFound(ui.t("ui.server.run.noFile"));
  }
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  res.writeHead(200, {
    "Content-Type": TYPES[extname(name).toLowerCase()] ?? "application/octet-stream",
    "Content-Length": size,
    "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    "Cache-Control": "no-store",
  });
  await new Promise<void>((resolve, reject) => {
    const stream = createReadStream(path);
    stream.on("error", reject);
    res.on("close", resolve);
    stream.pipe(res);
  });
}
