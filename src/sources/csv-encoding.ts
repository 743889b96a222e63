import iconv from "iconv-lite";
import { ConfigError } from "../errors.js";

/** Bytes read before deciding the encoding: enough to meet the accented names of a typical export. */
export const ENCODING_SAMPLE_BYTES = 64 * 1024;

export type DetectedEncoding = "utf-8" | "windows-1252";

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/**
 * SPEC §4.1: UTF-8 BOM → UTF-8; bytes that are valid strict UTF-8 → UTF-8; anything else → Windows-1252 (what Excel-BR
 * "CSV (separado por vírgulas)" writes). `complete` says the sample is the whole input: otherwise a multibyte
 * character cut at the end of the sample must not count as invalid, which streaming decode handles.
 */
export function detectEncoding(sample: Uint8Array, complete: boolean): DetectedEncoding {
  if (hasUtf8Bom(sample)) return "utf-8";
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(sample, { stream: !complete });
    return "utf-8";
  } catch {
    return "windows-1252";
  }
}

/** Canonical name of an `--encoding` value; unknown names are a config error (exit 2), not mojibake. */
export function normalizeEncodingName(name: string): string {
  const trimmed = name.trim().toLowerCase();
  if (trimmed === "utf8" || trimmed === "utf-8") return "utf-8";
  if (["cp1252", "windows-1252", "win1252", "ansi"].includes(trimmed)) return "windows-1252";
  if (trimmed === "" || !iconv.encodingExists(trimmed)) {
    throw new ConfigError(
      "SOURCE_ENCODING_UNKNOWN",
      `Unknown encoding "${name}". Use utf-8, windows-1252 (Excel), latin1, or another name iconv-lite knows.`,
      { context: { encoding: name } },
    );
  }
  return trimmed;
}

/** A streaming byte → string decoder for non-UTF-8 input (UTF-8 is left to csv-parse, which is faster). */
export function createDecoder(encoding: string): NodeJS.ReadWriteStream {
  return iconv.decodeStream(encoding);
}

/** Decodes a sample for sniffing (the delimiter); a character cut at the end is harmless here. */
export function decodeSample(sample: Uint8Array, encoding: string): string {
  if (encoding === "utf-8") return new TextDecoder("utf-8").decode(sample).replace(/^\uFEFF/, "");
  return iconv.decode(Buffer.from(sample), encoding);
}
