import { ConfigError } from "../errors.js";
import type { NotTextKind } from "../messages/en/source.js";
import { text } from "../messages/text.js";
import { english } from "../messages/translate.js";

/**
 * What Excel and LibreOffice really write when asked for "CSV" or "text", decided from the first bytes of
 * a file: the encoding (a BOM, strict UTF-8, else Windows-1252), a first line `sep=;`, and files that are not text at
 * all (a workbook renamed .csv) — which must stop the run instead of turning into rows of garbage.
 */

export interface DetectedText {
  /** iconv-lite name: utf-8, utf-16le, utf-16be or windows-1252. */
  encoding: "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";
  /** The file starts with a byte-order mark (always so for UTF-16, "Texto Unicode" in Excel-BR). */
  bom: boolean;
}

export const startsWith = (bytes: Uint8Array, ...prefix: number[]) =>
  bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return startsWith(bytes, 0xef, 0xbb, 0xbf);
}

/** The encoding a BOM announces, if the bytes start with one. */
export function bomEncoding(bytes: Uint8Array): DetectedText["encoding"] | undefined {
  if (hasUtf8Bom(bytes)) return "utf-8";
  // FF FE 00 00 would be UTF-32 LE, which no spreadsheet writes; it falls to the binary check (NUL bytes).
  if (startsWith(bytes, 0xff, 0xfe) && !startsWith(bytes, 0xff, 0xfe, 0, 0)) return "utf-16le";
  if (startsWith(bytes, 0xfe, 0xff)) return "utf-16be";
  return undefined;
}

/** How many of the first pairs of bytes hold a NUL in their first byte and in their second byte. */
function nulSides(sample: Uint8Array): { pairs: number; first: number; second: number } {
  const pairs = Math.floor(Math.min(sample.length, 8192) / 2);
  let first = 0;
  let second = 0;
  for (let i = 0; i < pairs; i++) {
    if (sample[2 * i] === 0) first++;
    if (sample[2 * i + 1] === 0) second++;
  }
  return { pairs, first, second };
}

/**
 * UTF-16 without a byte-order mark (some exports and scripts write it): a contact list is mostly Latin letters,
 * digits and separators, each a pair of bytes with a NUL on one side — the second byte in little-endian ("N\0o\0"),
 * the first in big-endian ("\0N\0o"). Accents (é = E9 00) keep the pattern. A binary file's few NULs do not.
 */
export function utf16ByteOrder(sample: Uint8Array, share = 0.7): "utf-16le" | "utf-16be" | undefined {
  const { pairs, first, second } = nulSides(sample);
  if (pairs < 2) return undefined;
  if (second >= pairs * share && first <= pairs * 0.05) return "utf-16le";
  if (first >= pairs * share && second <= pairs * 0.05) return "utf-16be";
  return undefined;
}

/**
 * BOM → its encoding; UTF-16 recognised by its NUL bytes → that byte order; bytes that are valid strict UTF-8 →
 * UTF-8; anything else → Windows-1252 (what Excel-BR "CSV (separado por vírgulas)" writes). `complete` says the sample is the whole input: otherwise a multibyte
 * character cut at the end of the sample must not count as invalid, which streaming decode handles.
 */
export function detectTextEncoding(sample: Uint8Array, complete: boolean): DetectedText {
  const announced = bomEncoding(sample);
  if (announced) return { encoding: announced, bom: true };
  const order = utf16ByteOrder(sample);
  if (order) return { encoding: order, bom: false };
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(sample, { stream: !complete });
    return { encoding: "utf-8", bom: false };
  } catch {
    return { encoding: "windows-1252", bom: false };
  }
}

/**
 * What a non-text file looks like and what the person should do with it, in English; `kind` (and for binary data the
 * UTF-16 byte order to suggest) names the catalog's words for the same.
 */
export interface NotText {
  looksLike: string;
  todo: string;
  kind?: NotTextKind;
  order?: string;
}

function notText(kind: NotTextKind, order?: string): NotText {
  return {
    looksLike: english(text("source.notText.looksLike", { kind })),
    todo: english(text("source.notText.todo", { kind, order })),
    kind,
    ...(order !== undefined ? { order } : {}),
  };
}

export function includesAscii(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(text, 0, "latin1");
}

function zipKind(sample: Uint8Array): NotText {
  // The first entries of a zip sit in the first bytes: an .xlsx has "xl/…".
  if (includesAscii(sample, "xl/") || includesAscii(sample, "[Content_Types].xml")) {
    return notText("xlsxRenamed");
  }
  return notText("zip");
}

function controlByteShare(sample: Uint8Array): number {
  const n = Math.min(sample.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = sample[i]!;
    // Tab, LF, VT, FF, CR and ESC can appear in text; the other C0 bytes do not.
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1b) control++;
  }
  return n === 0 ? 0 : control / n;
}

/**
 * Recognizes a file that is not delimited text from its first bytes: a zip (an .xlsx), a PDF, an HTML page (what many
 * systems export as ".xls"), or binary data (NUL bytes). Spreadsheet formats that are not read (.xls, .ods, Numbers)
 * are recognized before, by spreadsheet-formats.ts. `encoding` is the encoding that will be used: UTF-16 text is full
 * of NUL bytes, so the binary check does not apply to it.
 */
export function detectNotText(sample: Uint8Array, encoding: string): NotText | undefined {
  if (startsWith(sample, 0x50, 0x4b, 0x03, 0x04) || startsWith(sample, 0x50, 0x4b, 0x05, 0x06)) return zipKind(sample);
  if (startsWith(sample, 0x25, 0x50, 0x44, 0x46)) {
    return notText("pdf");
  }
  if (/^\s*(<!doctype html|<html|<table)/i.test(Buffer.from(sample.subarray(0, 256)).toString("latin1"))) {
    return notText("html");
  }
  if (encoding.startsWith("utf-16") || encoding.startsWith("utf16") || encoding === "ucs2") return undefined;
  if (sample.includes(0) || controlByteShare(sample) > 0.05) {
    // Named by where its NULs sit: big-endian text put under a utf-16le hint would read as garbage.
    const order = utf16ByteOrder(sample, 0.3) ?? "utf-16le";
    return notText("binary", order);
  }
  return undefined;
}

/** The source error for a file that is not text (exit 2). */
export function notTextError(label: string, found: NotText): ConfigError {
  return new ConfigError(
    "SOURCE_NOT_TEXT",
    text("source.notText", {
      label,
      looksLike: found.kind ? text("source.notText.looksLike", { kind: found.kind }) : found.looksLike,
      todo: found.kind ? text("source.notText.todo", { kind: found.kind, order: found.order }) : found.todo,
    }),
    { context: { looksLike: found.looksLike } },
  );
}

/**
 * Excel's `sep=;` first line (written by some exports and by people, so Excel-EN opens a `;` file in columns). It
 * names the delimiter and is not a row: Excel hides it, so the header stays row 1. Accepts `sep=\t` spelled out.
 */
export function findSepLine(text: string): string | undefined {
  const match = /^\uFEFF?sep=(\\t|[^\r\n"])[ ]*(?:\r\n|\n|\r|$)/i.exec(text);
  if (!match) return undefined;
  return match[1] === "\\t" ? "\t" : match[1];
}
