import iconv from "iconv-lite";
import { ConfigError } from "../errors.js";
import { text } from "../messages/text.js";

/** Bytes read before deciding the encoding: enough to meet the accented names of a typical export. */
export const ENCODING_SAMPLE_BYTES = 64 * 1024;

/** Canonical name of an `--encoding` value; unknown names are a config error (exit 2), not mojibake. */
export function normalizeEncodingName(name: string): string {
  const trimmed = name.trim().toLowerCase();
  if (trimmed === "utf8" || trimmed === "utf-8") return "utf-8";
  // Excel calls UTF-16 "Unicode" ("Texto Unicode"); iconv-lite's utf-16 reads the BOM and defaults to little-endian.
  if (trimmed === "unicode" || trimmed === "utf16" || trimmed === "utf-16") return "utf-16";
  if (/^utf-?16-?le$/.test(trimmed)) return "utf-16le";
  if (/^utf-?16-?be$/.test(trimmed)) return "utf-16be";
  if (["cp1252", "windows-1252", "win1252", "ansi"].includes(trimmed)) return "windows-1252";
  if (trimmed === "" || !iconv.encodingExists(trimmed)) {
    throw new ConfigError("SOURCE_ENCODING_UNKNOWN", text("source.encodingUnknown", { name }), {
      context: { encoding: name },
    });
  }
  return trimmed;
}

/** A streaming byte → string decoder for non-UTF-8 input (UTF-8 is left to csv-parse, which is faster). */
export function createDecoder(encoding: string): NodeJS.ReadWriteStream {
  return iconv.decodeStream(encoding);
}

/** Decodes a sample for sniffing (the delimiter, a `sep=` line), BOM removed; a character cut at the end is harmless. */
export function decodeSample(sample: Uint8Array, encoding: string): string {
  if (encoding === "utf-8") return new TextDecoder("utf-8").decode(sample).replace(/^\uFEFF/, "");
  return iconv.decode(Buffer.from(sample), encoding).replace(/^\uFEFF/, "");
}
