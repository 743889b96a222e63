import type { CliCommand } from "../command.js";

// Placeholder: replaced by the real command.
export const statusCommand: CliCommand = {
  command: "status",
  describe: "(not implemented yet)",
  builder: (y) => y,
  run: async (_args, io) => {
    io.stderr.write("status: not implemented yet\n");
    return 2;
  },
};
