import type { CliCommand } from "../command.js";

// Placeholder: replaced by the real command.
export const syncCommand: CliCommand = {
  command: "sync",
  describe: "(not implemented yet)",
  builder: (y) => y,
  run: async (_args, io) => {
    io.stderr.write("sync: not implemented yet\n");
    return 2;
  },
};
