import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { ConfigError } from "../../errors.js";
import { DEFAULT_WRITE_BACK } from "../../core/row-result.js";
import type { CliCommand } from "../command.js";
import { sourceFromFlag } from "./validate.js";

const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
const PHONE_WORDS = ["whatsapp", "celular", "telefone", "phone", "fone", "tel", "zap"];
const NAME_WORDS = ["nome", "name"];

/** First header whose folded name contains one of the words, trying the words in order of confidence. */
function guess(headers: string[], words: string[]): string | undefined {
  for (const word of words) {
    const found = headers.find((h) => fold(h).includes(word));
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A starter mapping for a header row (SPEC §3 `init`): phone and name guessed by name, every other column a custom field. */
export function starterMapping(headers: string[]): { mapping: Record<string, unknown>; phoneGuessed: boolean } {
  const phone = guess(headers, PHONE_WORDS);
  const phoneColumn = phone ?? headers[0]!;
  const name = guess(
    headers.filter((h) => h !== phoneColumn),
    NAME_WORDS,
  );
  const resultColumns = new Set(Object.values(DEFAULT_WRITE_BACK));
  const customFields: Record<string, string> = {};
  for (const header of headers) {
    if (header === phoneColumn || header === name || resultColumns.has(header)) continue;
    customFields[header] = header;
  }
  return {
    mapping: {
      $schema: "./mapping.schema.json",
      mode: "upsert",
      phone: { column: phoneColumn, default_country: "BR" },
      ...(name !== undefined ? { name } : {}),
      custom_fields: customFields,
      empty: "skip",
    },
    phoneGuessed: phone !== undefined,
  };
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
        describe: "CSV file (or - for stdin) whose header row to read",
      },
      out: { type: "string", default: "mapping.json", describe: "Where to write the mapping" },
      force: { type: "boolean", default: false, describe: "Overwrite an existing file" },
      delimiter: { type: "string", describe: "CSV delimiter [default: sniffed]" },
      encoding: { type: "string", describe: "CSV encoding [default: detected]" },
    }),
  run: async (args, io) => {
    const out = resolve(io.cwd, String(args.out));
    const source = sourceFromFlag(
      String(args.source),
      { delimiter: args.delimiter as string | undefined, encoding: args.encoding as string | undefined },
      io,
    );
    const opened = await source.open();
    const headers = opened.headers;
    await opened.close();
    const { mapping, phoneGuessed } = starterMapping(headers);
    try {
      // "wx" refuses an existing file atomically: no check-then-write race.
      await writeFile(out, `${JSON.stringify(mapping, null, 2)}\n`, { flag: args.force ? "w" : "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") {
        throw new ConfigError("INIT_FILE_EXISTS", `${String(args.out)} already exists; use --force to overwrite it.`, {
          context: { path: out },
        });
      }
      throw error;
    }
    const custom = Object.keys(mapping.custom_fields as object).length;
    io.stderr.write(
      `Wrote ${String(args.out)}: phone ← "${(mapping.phone as { column: string }).column}"` +
        `${mapping.name !== undefined ? `, name ← "${String(mapping.name)}"` : ""}, ${custom} custom field${custom === 1 ? "" : "s"}.\n` +
        (phoneGuessed ? "" : `warning: no column looks like a phone number; edit "phone" in ${String(args.out)}.\n`) +
        `Check it with: chatguru-sync validate --source ${String(args.source)} --mapping ${String(args.out)}\n`,
    );
    return 0;
  },
};
