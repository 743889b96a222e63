import type { CliCommand } from "../command.js";

// Placeholder: replaced by the real command.
export const validateCommand: CliCommand = {
  command: "validate",
  describe: "(not implemented yet)",
  builder: (y) => y,
  run: async (_args, io) => {
    io.stderr.write("validate: not implemented yet\n");
    return 2;
  },
};
