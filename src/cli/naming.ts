import type { OptionNaming } from "../options.js";

/** How messages name the options the CLI sets from flags. */
export const CLI_NAMING: OptionNaming = {
  flags: {
    source: "--source",
    mapping: "--mapping",
    mode: "--mode",
    concurrency: "--concurrency",
    rate: "--rate",
    limit: "--limit",
    addTimeoutSeconds: "--add-timeout",
    timeout: "--timeout",
    watch: "--watch",
    headerRow: "--header-row",
    failOn: "--fail-on",
    maxMessages: "--max-messages",
  },
};
