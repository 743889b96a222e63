// A row problem in the words the CLI prints for it: the server sends each problem as a catalog Text (its key and
// parameters), said here in the pages' language from the same catalog. A problem with no Text (a run recorded by an
// older version) shows the message it came with. The code is left off the words, as the CLI's terminal lines leave
// it off: a sales-ops person reads the sentence. Pure: unit-tested.
import { isText, type Text } from "../src/messages/index.js";
import { PAGE_LANGUAGE, say } from "./say.js";

const CODE_FIRST = /^[A-Z][A-Z0-9_]+: /;

const capital = (words: string) => words.charAt(0).toLocaleUpperCase(PAGE_LANGUAGE) + words.slice(1);

/** The problem alone, for a table whose own columns give the row (and the column): `"12345" não é um número…`. */
export function problemText(problem: { message: string; text?: Text | undefined }): string {
  return capital((problem.text ? say(problem.text) : problem.message).replace(CODE_FIRST, ""));
}

/**
 * The problem with its row, as the CLI's terminal line says it: `Linha 7, coluna "Celular": "12345" não é…`. A run's
 * row problem is the catalog's `problem` Text, or a list of them (every problem of an invalid row, each with its code
 * and column): each is said with the row in and the code out.
 */
export function problemLine(problem: { row?: number | undefined; message: string; text?: Text | undefined }): string {
  const { text } = problem;
  const listed = text?.key === "problem" ? [text] : text?.key === "problemList" ? text.params?.problems : undefined;
  if (Array.isArray(listed) && listed.every((p) => isText(p) && p.key === "problem")) {
    const lines = (listed as Text[]).map((p) =>
      say({ key: p.key, params: { ...p.params, code: undefined, row: problem.row } }),
    );
    return lines.join("; ");
  }
  const words = problemText(problem);
  return problem.row === undefined ? words : say({ key: "problem", params: { row: problem.row, message: words } });
}
