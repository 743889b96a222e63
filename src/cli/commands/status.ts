import type { Argv } from "yargs";
import type { CliCommand } from "../command.js";
import { runCommand, runOptions, runRendered, sourceOptions } from "./sync.js";

/**
 * Finishes rows an earlier run left `pending`: polls their chat_add_status and applies the updates waiting for them.
 * It needs the same --source and --mapping as the sync: the values to apply live in the source, not in the state.
 */
export const statusCommand: CliCommand = {
  command: "status",
  describe: "help.cmd.status",
  builder: (y: Argv, sp) =>
    y
      .options(sourceOptions(sp))
      .options(runOptions(sp))
      .example("$0 status --source leads.csv --mapping mapping.json", sp.t("help.ex.status")),
  run: async (args, io) => {
    const { options, log } = runCommand(args, io, { onlyPending: true });
    return (await runRendered(options, args, io, log)).code;
  },
};
