import { writeFile } from "node:fs/promises";
import { dirname, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { SourceRow } from "../../core/source-row.js";
import type { Text } from "../../core/text.js";
import { ConfigError } from "../../errors.js";
import { text as msg } from "../../messages/text.js";
import { ENGLISH, type Speaker } from "../../messages/translate.js";
import { findPhoneColumn, starterMapping } from "../../mapping/starter-mapping.js";
import type { Source } from "../../sources/source.js";
import { describeReadText } from "../../sources/read-notice.js";
import type { CliCommand } from "../command.js";
import { readSourceFlags, sourceFormatOptions } from "../source-flags.js";
import { sourceFromFlag } from "./validate.js";

/** Rows read to recognise a phone column by its values when no header names one. */
const SAMPLE_ROWS = 50;
/** The package's schema: same depth from src/cli/commands (tsx) and dist/cli/commands (built). */
const SCHEMA_PATH = fileURLToPath(new URL("../../../mapping.schema.json", import.meta.url));

/** `$schema` relative to where the mapping is saved, so editors find it from any folder. */
export function schemaRefFrom(mappingPath: string): string {
  const ref = relative(dirname(mappingPath), SCHEMA_PATH).split(sep).join("/");
  return ref.startsWith(".") ? ref : `./${ref}`;
}

async function readHeaderAndSample(
  source: Source,
): Promise<{ headers: string[]; sample: SourceRow[]; readAs: Text | undefined }> {
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
  return { headers: opened.headers, sample, readAs: describeReadText(source.label, opened) };
}

async function writeNew(path: string, text: string, force: boolean, shown: string): Promise<void> {
  try {
    // "wx" refuses an existing file atomically: no check-then-write race.
    await writeFile(path, text, { flag: force ? "w" : "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      throw new ConfigError("INIT_FILE_EXISTS", msg("init.exists", { file: shown }), { context: { path } });
    }
    if ((error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "EACCES") {
      throw new ConfigError("INIT_OUT_UNWRITABLE", msg("init.unwritable", { file: shown }), { context: { path } });
    }
    throw error;
  }
}

export const initCommand: CliCommand = {
  command: "init",
  describe: "help.cmd.init",
  builder: (y, sp) =>
    y.options({
      source: { type: "string", nargs: 1, demandOption: true, describe: sp.t("help.opt.initSource") },
      out: { type: "string", default: "mapping.json", describe: sp.t("help.opt.out") },
      force: { type: "boolean", default: false, describe: sp.t("help.opt.force") },
      ...sourceFormatOptions(sp),
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
        msg("init.noPhoneColumn", { source: source.label, columns: headers }),
      );
    }
    const sp = io.speaker ?? ENGLISH;
    const starter = starterMapping(headers, phone, schemaRefFrom(out), sp);
    await writeNew(out, starter.text, Boolean(args.force), shown);
    io.stderr.write(
      `${readAs !== undefined ? `${sp.say(readAs)}\n` : ""}${initSummary(starter, shown, sourceArgs(args), sp)}`,
    );
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

function initSummary(starter: ReturnType<typeof starterMapping>, out: string, source: string, sp: Speaker): string {
  const lines = [
    sp.t("init.wrote", {
      file: out,
      phone: starter.phone.column,
      byValues: starter.phone.by === "values",
      name: starter.name,
    }),
  ];
  if (starter.suggestions.length > 0) {
    lines.push(sp.t("init.suggestions", { columns: starter.suggestions }), sp.t("init.enableOne"));
  }
  lines.push(sp.t("init.next", { command: `chatguru-sync validate ${source} --mapping ${out}` }));
  return `${lines.join("\n")}\n`;
}
