import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importLoops } from "../../../scripts/import-cycles.mjs";
import { repoRoot } from "../../helpers/cli.js";

/**
 * A loop of imports means none of its files can be read, moved or tested without the others. Two files that import
 * each other are tolerated (a parser and its error list); a longer loop is a room whose direction was lost.
 */
const MAX_LOOP = 2;

describe("import loops under src/", () => {
  it(`has none longer than ${MAX_LOOP} files (scripts/import-cycles.mjs)`, () => {
    const long = importLoops(path.join(repoRoot, "src"))
      .filter((loop) => loop.length > MAX_LOOP)
      .map((loop) => loop.map((file) => path.relative(repoRoot, path.resolve(file))).join(" ↔ "));
    expect(long).toEqual([]);
  });

  it("names the files of a loop it finds, type imports included (the check itself works)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "loops-"));
    try {
      writeFileSync(path.join(dir, "a.ts"), 'import { b } from "./b.js";\nexport const a = b;\n');
      writeFileSync(path.join(dir, "b.ts"), 'import type { C } from "./c.js";\nexport const b: C = 1;\n');
      writeFileSync(path.join(dir, "c.ts"), 'import { a } from "./a.js";\nexport type C = typeof a;\n');
      writeFileSync(path.join(dir, "d.ts"), 'import { a } from "./a.js";\nexport const d = a;\n');
      const loops = importLoops(dir).map((loop) => loop.map((file) => path.basename(file)));
      expect(loops).toEqual([["a.ts", "b.ts", "c.ts"]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
