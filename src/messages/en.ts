import { codesEn } from "./en/codes.js";
import { commonEn } from "./en/common.js";
import { hintsEn } from "./en/hints.js";
import { runEn } from "./en/run.js";
import { readEn } from "./en/read.js";
import { stateEn } from "./en/state.js";
import { summaryEn } from "./en/summary.js";
import { cliEn } from "./en/cli.js";
import { helpEn } from "./en/help.js";
import { optionsEn } from "./en/options.js";
import { chatguruEn } from "./en/chatguru.js";
import { rowsEn } from "./en/rows.js";
import { mappingEn } from "./en/mapping.js";
import { sourceEn } from "./en/source.js";
import { outputEn } from "./en/output.js";
import { googleEn } from "./en/google.js";
import { uiEn } from "./en/ui.js";
import { uiSetupEn } from "./en/ui-setup.js";
import { uiSendEn } from "./en/ui-send.js";
import { uiServerEn } from "./en/ui-server.js";

/**
 * The English catalog: the reference every other language translates (see catalog.ts). One object, grouped by
 * where the words are shown; keys are namespaced (`code.*`, `hint.*`, `summary.*`, `ui.*`…).
 */
export const en = {
  ...commonEn,
  ...codesEn,
  ...hintsEn,
  ...runEn,
  ...readEn,
  ...stateEn,
  ...summaryEn,
  ...cliEn,
  ...helpEn,
  ...optionsEn,
  ...chatguruEn,
  ...rowsEn,
  ...mappingEn,
  ...sourceEn,
  ...outputEn,
  ...googleEn,
  ...uiEn,
  ...uiSetupEn,
  ...uiSendEn,
  ...uiServerEn,
};
