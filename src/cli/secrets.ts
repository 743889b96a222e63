import type { CliIO } from "./command.js";

/** Secrets that must never be printed or logged, whatever went wrong: the API key (environment or flag), a token. */
export function secretsOf(io: Pick<CliIO, "env">, argv: readonly string[]): string[] {
  const secrets = [io.env.CHATGURU_API_KEY, io.env.GOOGLE_ACCESS_TOKEN].filter((s): s is string => Boolean(s));
  const flagIndex = argv.findIndex((a) => a === "--api-key" || a.startsWith("--api-key="));
  if (flagIndex >= 0) {
    const arg = argv[flagIndex]!;
    const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[flagIndex + 1];
    if (value) secrets.push(value);
  }
  return secrets;
}
