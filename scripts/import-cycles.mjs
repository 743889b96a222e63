#!/usr/bin/env node
// Lists the import loops (strongly connected components of more than one file) under a folder, type imports included:
// a loop of type imports still means no file in it can be read, moved or tested without the others.
// Usage: node scripts/import-cycles.mjs [folder=src]   — exits 1 when a loop is longer than 2 files.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import process from "node:process";

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["'](\.[^"']+)["']|import\(\s*["'](\.[^"']+)["']\s*\)/g;

function listFiles(folder) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return listFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

function importsOf(file, known) {
  const text = readFileSync(file, "utf8");
  const found = new Set();
  for (const match of text.matchAll(IMPORT)) {
    const spec = match[1] ?? match[2];
    const base = resolve(dirname(file), spec).replace(/\.js$/, "");
    const target = [`${base}.ts`, `${base}.tsx`, join(base, "index.ts")].find((candidate) => known.has(candidate));
    if (target) found.add(target);
  }
  return [...found];
}

/** Tarjan's strongly connected components, iterative enough for a few hundred files. */
export function importLoops(folder) {
  const files = listFiles(resolve(folder));
  const known = new Set(files);
  const edges = new Map(files.map((file) => [file, importsOf(file, known)]));
  let index = 0;
  const indexOf = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const loops = [];
  const visit = (file) => {
    indexOf.set(file, index);
    low.set(file, index++);
    stack.push(file);
    onStack.add(file);
    for (const next of edges.get(file)) {
      if (!indexOf.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file), low.get(next)));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file), indexOf.get(next)));
    }
    if (low.get(file) !== indexOf.get(file)) return;
    const loop = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      loop.push(member);
    } while (member !== file);
    if (loop.length > 1) loops.push(loop.map((path) => relative(process.cwd(), path)).sort());
  };
  for (const file of files) if (!indexOf.has(file)) visit(file);
  return loops.sort((a, b) => b.length - a.length);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const loops = importLoops(process.argv[2] ?? "src");
  for (const loop of loops) process.stdout.write(`${loop.length} files: ${loop.join(" ↔ ")}\n`);
  process.stdout.write(`${loops.length} import loop(s); longest ${loops[0]?.length ?? 0} files\n`);
  process.exit(loops.some((loop) => loop.length > 2) ? 1 : 0);
}
