// Copies what tsc does not emit into dist/web: the page shell, the stylesheet and Preact's ESM files. The server then
// serves one folder, and nothing is read from node_modules (or any CDN) when the app runs.
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "dist", "web");
const preactRoot = dirname(createRequire(import.meta.url).resolve("preact/package.json"));

/** Source → destination (relative to dist/web). The import map in web/index.html names the vendor paths. */
const files = [
  [join(root, "web", "index.html"), "index.html"],
  [join(root, "web", "app.css"), "app.css"],
  [join(root, "web", "favicon.svg"), "favicon.svg"],
  [join(preactRoot, "dist", "preact.module.js"), "vendor/preact/preact.js"],
  [join(preactRoot, "hooks", "dist", "hooks.module.js"), "vendor/preact/hooks.js"],
  [join(preactRoot, "jsx-runtime", "dist", "jsxRuntime.module.js"), "vendor/preact/jsx-runtime.js"],
  [join(preactRoot, "LICENSE"), "vendor/preact/LICENSE"],
];

for (const [from, to] of files) {
  const dest = join(out, to);
  mkdirSync(dirname(dest), { recursive: true });
  copyFileSync(from, dest);
}
