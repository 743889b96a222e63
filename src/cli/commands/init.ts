import { writeFile } from "node:fs/promises";
import { dirname, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { SourceRow } from "../../core/source-row.js";
import { ConfigError } from "../../errors.js";
import { findPhoneColumn, starterMapping } from "../../mapping/starter-mapping.js";
import type { Source } from "../../sources/source.js";
import { describeRead } from "../../engine/read-notice.js";
import type { CliCommand } from "../command.js";
import { readSourceFlags, sourceFormatOptions } from "../source-flags.js";
import { sourceFromFlag } from "./validate.js";

/** Rows read to recognise a phone column by its values when no header names one. */
const SAMPLE_ROWS = 50;
/** The package's schema: same depth from src/cli/commands (tsx) and dist/cli/commands (built). */
const SCHEMA_PATH = fileURLToPath(new URL("../../../mapping.schema.json", import.meta.url));

/** `$schema` relative to where the mapping is saved, so editors find it from any folder (SPEC §4.2). */
export function schemaRefFrom(mappingPath: string): string {
  const ref = relative(dirname(mappingPath), SCHEMA_PATH).split(sep).join("/");
  return ref.startsWith(".") ? ref : `./${ref}`;
}

async function readHeaderAndSample(
  source: Source,
): Promise<{ headers: string[]; sample: SourceRow[]; readAs: string | undefined }> {
  const opened = await source.open();
  const sample: SourceRow[] = [];
  try {
    for await (const row of opened.rows) {
      sample.push(row);
      if (sample.length >= SAMPLE_ROWS) break;
    }
  } finally {
    await opened.close();
  }
  return { headers: opened.headers, sample, readAs: describeRead(source.label, opened) };
}

async function writeNew(path: string, text: string, force: boolean, shown: string): Promise<void> {
  try {
    // "wx" refuses an existing file atomically: no check-then-write race.
    await writeFile(path, text, { flag: force ? "w" : "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      throw new ConfigError("INIT_FILE_EXISTS", `${shown} already exists; use --force to overwrite it.`, {
        context: { path },
      });
    }
    if ((error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "EACCES") {
      throw new ConfigError(
        "INIT_OUT_UNWRITABLE",
        `Cannot write ${shown}: its folder does not exist or is not writable. Create the folder or pass another --out.`,
        { context: { path } },
      );
    }
    throw error;
  }
}

export const initCommand: CliCommand = {
  command: "init",
  describe: "Write a starter mapping file from a source's header row",
  builder: (y) =>
    y.options({
      source: {
        type: "string",
        nargs: 1,
        demandOption: true,
        describe: "CSV file (or - for stdin) or .xlsx workbook whose header row to read",
      },
      out: { type: "string", default: "mapping.json", describe: "Where to write the mapping" },
      force: { type: "boolean", default: false, describe: "Overwrite an existing file" },
      ...sourceFormatOptions,
    }),
  run: async (args, io) => {
    const shown = String(args.out);
    const out = resolve(io.cwd, shown);
    const source = sourceFromFlag(String(args.source), readSourceFlags(args), io);
    const { headers, sample, readAs } = await readHeaderAndSample(source);
    const phone = findPhoneColumn(headers, sample);
    if (phone === undefined) {
      throw new ConfigError(
        "INIT_NO_PHONE_COLUMN",
        `No column of ${source.label} looks like a WhatsApp number (columns: ${headers.map((h) => `"${h}"`).join(", ")}). ` +
          `Is the header on another row? Otherwise write the mapping by hand: see mapping.example.json.`,
      );
    }
    const starter = starterMapping(headers, phone, schemaRefFrom(out));
    await writeNew(out, starter.text, Boolean(args.force), shown);
    io.stderr.write(`${readAs !== undefined ? `${readAs}\n` : ""}${initSummary(starter, shown, sourceArgs(args))}`);
    return 0;
  },
};

/** The source flags as typed, so the suggested next command reads the file the same way (a title row, a tab…). */
function sourceArgs(args: Record<string, unknown>): string {
  const quote = (v: string) => (/^[\w./:@-]+$/.test(v) ? v : JSON.stringify(v));
  const parts = [`--source ${quote(String(args.source))}`];
  for (const flag of ["header-row", "sheet", "delimiter", "encoding"]) {
    if (args[flag] !== undefined) parts.push(`--${flag} ${quote(String(args[flag]))}`);
  }
  return parts.join(" ");
}

function initSummary(starter: ReturnType<typeof starterMapping>, out: string, source: string): string {
  const lines = [
    `Wrote ${out}: phone ← "${starter.phone.column}"${starter.phone.by === "values" ? " (its cells look like phone numbers)" : ""}` +
      `${starter.name !== undefined ? `, name ← "${starter.name}"` : ", no name column found (chats get the number as name)"}.`,
  ];
  if (starter.suggestions.length > 0) {
    lines.push(
      `${starter.suggestions.length === 1 ? "1 other column is listed as a suggested custom field" : `${starter.suggestions.length} other columns are listed as suggested custom fields`}, commented out: ` +
        starter.suggestions.map((s) => `"${s}"`).join(", ") +
        ".",
      `  Enable one only if ChatGuru has a custom field with that exact name; an unknown field stops the sync.`,
    );
  }
  lines.push(`Next: chatguru-sync validate ${source} --mapping ${out}`);
  return `${lines.join("\n")}\n`;
}
