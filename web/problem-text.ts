// A row problem in the words the CLI prints for it: the server sends each problem as a catalog Text (its key and
// parameters), said here in the pages' language from the same catalog. The code is left off the sentence (the pages
// show the row and the column on their own, and a sales-ops person reads the words); a problem with no Text (a run
// recorded by an older version) shows the message it came with. Pure: unit-tested.
import type { Text } from "../src/messages/index.js";
import { say } from "./say.js";

const CODE_FIRST = /^[A-Z][A-Z0-9_]+: /;

export function problemText(problem: { message: string; text?: Text | undefined }): string {
  const words = problem.text ? say(problem.text) : problem.message;
  return words.replace(CODE_FIRST, "");
}
