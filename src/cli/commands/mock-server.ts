import type { CliCommand } from "../command.js";

// Placeholder: replaced by the real command.
export const mockServerCommand: CliCommand = {
  command: "mock-server",
  describe: "(not implemented yet)",
  builder: (y) => y,
  run: async (_args, io) => {
    io.stderr.write("mock-server: not implemented yet\n");
    return 2;
  },
};
