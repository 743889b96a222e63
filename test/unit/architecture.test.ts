import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/cli.js";

const SRC = path.join(repoRoot, "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : name.endsWith(".ts") ? [full] : [];
  });
}

/** `engine`, `sinks`…, or `root:sync` for a file directly under src/. */
function room(file: string): string {
  const [first, ...rest] = path.relative(SRC, file).split(path.sep);
  return rest.length > 0 ? first! : `root:${first!.replace(/\.[jt]s$/, "")}`;
}

function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(SRC)) {
    for (const match of readFileSync(file, "utf8").matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)) {
      const from = room(file);
      const to = room(path.resolve(path.dirname(file), match[1]!));
      if (from !== to) graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
  }
  return graph;
}

describe("architecture (imports point one way)", () => {
  it("has no folder-level import cycle", () => {
    const graph = folderGraph();
    const reaches = (from: string, target: string, seen = new Set<string>()): boolean =>
      [...(graph.get(from) ?? [])].some(
        (next) => next === target || (!seen.has(next) && (seen.add(next), reaches(next, target, seen))),
      );
    const cycles = [...graph].flatMap(([from, tos]) =>
      [...tos].filter((to) => reaches(to, from)).map((to) => `${from} ⇄ ${to}`),
    );
    expect(cycles).toEqual([]);
  });

  it("core/ and util/ import nothing of the project's outside themselves", () => {
    const graph = folderGraph();
    expect([...(graph.get("core") ?? [])]).toEqual([]);
    expect([...(graph.get("util") ?? [])]).toEqual([]);
  });
});
