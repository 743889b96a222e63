// Module hooks for sigterm-on-load.mjs (they run on the loader thread; the signal goes to the whole process).
import process from "node:process";

let sent = false;

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  if (!sent && /\/src\/cli\/main\.(?:ts|js)$/.test(result.url)) {
    sent = true;
    process.kill(process.pid, "SIGTERM");
  }
  return result;
}
