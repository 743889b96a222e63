import type { CliCommand } from "../command.js";
import { callCommand } from "./call.js";
import { initCommand } from "./init.js";
import { mockServerCommand } from "./mock-server.js";
import { statusCommand } from "./status.js";
import { syncCommand } from "./sync.js";
import { uiCommand } from "./ui.js";
import { validateCommand } from "./validate.js";

export const commands: CliCommand[] = [
  syncCommand,
  validateCommand,
  statusCommand,
  callCommand,
  mockServerCommand,
  initCommand,
  uiCommand,
];
