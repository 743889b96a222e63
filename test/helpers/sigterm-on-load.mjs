// Preloaded with `node --import` by the early-SIGTERM test: sends SIGTERM to this very process the moment the CLI's
// main module is resolved — while the CLI is still loading, the window in which a handler installed only after the
// imports cannot catch it.
import { register } from "node:module";
import { URL } from "node:url";

register(new URL("./sigterm-on-load-hooks.mjs", import.meta.url));
