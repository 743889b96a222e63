#!/usr/bin/env node
import { forcedExitMessage } from "./in-flight-rows.js";
import { runCli } from "./main.js";

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

const code = await runCli(process.argv.slice(2), { signal: controller.signal });
process.exitCode = code;
// Keep-alive sockets or timers left by a library must not keep a finished CLI alive.
setTimeout(() => process.exit(code), 200).unref();
