import type { CliCommand } from "../command.js";

// Placeholder: replaced by the real command.
export const initCommand: CliCommand = {
  command: "init",
  describe: "(not implemented yet)",
  builder: (y) => y,
  run: async (_args, io) => {
    io.stderr.write("init: not implemented yet\n");
    return 2;
  },
};
