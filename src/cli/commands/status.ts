import type { Argv } from "yargs";
import type { CliCommand } from "../command.js";
import { runCommand, runOptions, runRendered, sourceOptions } from "./sync.js";

/**
 * Finishes rows an earlier run left `pending`: polls their chat_add_status and applies the updates waiting for them.
 * It needs the same --source and --mapping as the sync: the values to apply live in the source, not in the state.
 */
export const statusCommand: CliCommand = {
  command: "status",
  describe:
    "Finish rows left pending by an earlier run (poll chat_add_status, apply their updates) and refresh the status of messages sent earlier",
  builder: (y: Argv) =>
    y
      .options(sourceOptions)
      .options(runOptions)
      .example("$0 status --source leads.csv --mapping mapping.json", "finish the chats still being added"),
  run: async (args, io) => {
    const { options, log } = runCommand(args, io, { onlyPending: true });
    return (await runRendered(options, args, io, log)).code;
  },
};
