import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import type { SourceErrorCode } from "../core/error-codes.js";
import { ConfigError } from "../errors.js";
import { text } from "../messages/text.js";

const ZIP = Buffer.from("PK\x03\x04", "latin1");
const EMPTY_ZIP = Buffer.from("PK\x05\x06", "latin1");
/** OLE2 compound file: an Excel 97-2003 .xls, or an .xlsx that Excel encrypted with a password. */
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** Office puts a password-protected workbook in an OLE2 file with these streams (UTF-16LE names in its directory). */
const ENCRYPTED_MARKERS = [Buffer.from("EncryptedPackage", "utf16le"), Buffer.from("EncryptionInfo", "utf16le")];

/** What a `.xlsx` source turned out to be (the catalog's `xlsx.*` words say it and what to do). */
type XlsxProblem = "empty" | "ods" | "emptyZip" | "encrypted" | "xls" | "pdf" | "html" | "text" | "notXlsx";

async function readHead(path: string, length: number): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Streams the file once looking for a marker (the OLE2 directory can sit anywhere in the file). */
async function containsAny(path: string, markers: Buffer[]): Promise<boolean> {
  const overlap = Math.max(...markers.map((m) => m.length)) - 1;
  let tail = Buffer.alloc(0);
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    const window = Buffer.concat([tail, chunk]);
    if (markers.some((marker) => window.includes(marker))) return true;
    tail = window.subarray(Math.max(0, window.length - overlap));
  }
  return false;
}

function looksLikeText(head: Buffer): boolean {
  if (head.length === 0) return false;
  let control = 0;
  for (const byte of head) if (byte === 0 || (byte < 0x09 && byte !== 0x1b)) control++;
  return control === 0;
}

/**
 * Checks that a `.xlsx` source really is an Office Open XML workbook before handing it to the zip reader, and
 * otherwise says what it looks like and what to do: an old .xls, a password-protected workbook, an OpenDocument
 * sheet, a PDF, an HTML "Excel export", a CSV with the wrong extension. Without this the person would get an
 * unzip error ("invalid signature") that names none of those.
 */
export async function assertXlsxFile(path: string, label: string): Promise<void> {
  const head = await readHead(path, 4096);
  const fail = (code: SourceErrorCode, what: XlsxProblem) =>
    new ConfigError(code, text(`xlsx.${what}`, { label }), { context: { path } });
  if (head.length === 0) throw fail("SOURCE_EMPTY", "empty");
  if (head.subarray(0, 4).equals(ZIP)) {
    const text = head.toString("latin1");
    if (text.includes("mimetypeapplication/vnd.oasis.opendocument")) {
      throw fail("SOURCE_NOT_XLSX", "ods");
    }
    return; // A zip: whether it holds a workbook is checked by the reader (see xlsx-source.ts).
  }
  if (head.subarray(0, 4).equals(EMPTY_ZIP)) throw fail("SOURCE_NOT_XLSX", "emptyZip");
  if (head.subarray(0, 8).equals(OLE2)) {
    if (await containsAny(path, ENCRYPTED_MARKERS)) {
      throw fail("SOURCE_XLSX_ENCRYPTED", "encrypted");
    }
    throw fail("SOURCE_XLS_OLD_FORMAT", "xls");
  }
  const start = head
    .toString("latin1", 0, 512)
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, "")
    .trimStart()
    .toLowerCase();
  if (start.startsWith("%pdf")) throw fail("SOURCE_NOT_XLSX", "pdf");
  if (start.startsWith("<")) {
    throw fail("SOURCE_NOT_XLSX", "html");
  }
  if (looksLikeText(head)) {
    throw fail("SOURCE_NOT_XLSX", "text");
  }
  throw fail("SOURCE_NOT_XLSX", "notXlsx");
}
