import { readFile } from "node:fs/promises";
import { writeFileAtomic } from "../write-atomic.js";

const LINE = /^(\s*(?:export\s+)?)([\w.-]+)(\s*=)/;

/** A value as `.env` must hold it to read back the same: bare when plain, else quoted with a quote it lacks. */
export function envValue(value: string): string {
  if (/^[\w.:/@+=,-]*$/.test(value)) return value;
  const quote = ['"', "'", "`"].find((q) => !value.includes(q));
  if (quote === undefined || /[\r\n]/.test(value))
    throw new Error("a .env value cannot hold a line break or every quote");
  return `${quote}${value}${quote}`;
}

/**
 * Sets variables in a `.env` file, keeping every other line (comments, other settings) as it was; a variable set twice
 * keeps its first line only. A new file is created readable by its owner alone: it holds the API key.
 */
export async function updateEnvFile(path: string, values: Readonly<Record<string, string>>): Promise<void> {
  let text = "";
  try {
    text = (await readFile(path, "utf8")).replace(/^\uFEFF/, "");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const pending = new Map(Object.entries(values));
  const seen = new Set<string>();
  const lines = text === "" ? [] : text.replace(/\r?\n$/, "").split(/\r?\n/);
  const kept: string[] = [];
  for (const line of lines) {
    const name = LINE.exec(line)?.[2];
    if (name === undefined || !(name in values)) {
      kept.push(line);
      continue;
    }
    if (seen.has(name)) continue;
    seen.add(name);
    kept.push(`${name}=${envValue(values[name]!)}`);
    pending.delete(name);
  }
  for (const [name, value] of pending) kept.push(`${name}=${envValue(value)}`);
  await writeFileAtomic(path, `${kept.join("\n")}\n`, { mode: 0o600 });
}
