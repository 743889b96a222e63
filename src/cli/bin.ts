#!/usr/bin/env node
import { forcedExitMessage } from "./in-flight-rows.js";

// The signal handlers come first, and the CLI (main.js: yargs, exceljs, the Google client… a second or more to load)
// only after them, as a dynamic import: while a static import loaded, a SIGTERM killed the process by signal instead of
// the documented exit 130 with state flushed. A signal that arrives during the load aborts the run before it starts.
const controller = new AbortController();
let signals = 0;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    signals += 1;
    // A second Ctrl-C means "now": skip the graceful flush.
    if (signals > 1) {
      const left = forcedExitMessage();
      if (left) process.stderr.write(`\n${left}\n`);
      process.exit(130);
    }
    controller.abort(new Error(signal));
  });
}

const { runCli } = await import("./main.js");
const code = await runCli(process.argv.slice(2), { signal: controller.signal });
process.exitCode = code;
// Keep-alive sockets or timers left by a library must not keep a finished CLI alive.
setTimeout(() => process.exit(code), 200).unref();
