import type { CliCommand } from "../command.js";

// Placeholder: replaced by the real command.
export const callCommand: CliCommand = {
  command: "call",
  describe: "(not implemented yet)",
  builder: (y) => y,
  run: async (_args, io) => {
    io.stderr.write("call: not implemented yet\n");
    return 2;
  },
};
