import type { Translation } from "./catalog.js";
import type { en } from "./en.js";
import { codesPt } from "./pt-BR/codes.js";
import { commonPt } from "./pt-BR/common.js";
import { hintsPt } from "./pt-BR/hints.js";
import { runPt } from "./pt-BR/run.js";
import { readPt } from "./pt-BR/read.js";
import { statePt } from "./pt-BR/state.js";
import { summaryPt } from "./pt-BR/summary.js";
import { cliPt } from "./pt-BR/cli.js";
import { helpPt } from "./pt-BR/help.js";
import { optionsPt } from "./pt-BR/options.js";
import { chatguruPt } from "./pt-BR/chatguru.js";
import { rowsPt } from "./pt-BR/rows.js";
import { mappingPt } from "./pt-BR/mapping.js";
import { sourcePt } from "./pt-BR/source.js";
import { outputPt } from "./pt-BR/output.js";
import { googlePt } from "./pt-BR/google.js";
import { uiPt } from "./pt-BR/ui.js";
import { uiSetupPt } from "./pt-BR/ui-setup.js";
import { uiSendPt } from "./pt-BR/ui-send.js";
import { uiServerPt } from "./pt-BR/ui-server.js";

/**
 * O catálogo em português do Brasil: cada chave do inglês, com os mesmos parâmetros (uma chave que falte aqui não
 * passa no typecheck). Escrito para quem trabalha com vendas e atendimento, não traduzido palavra por palavra.
 */
export const ptBR: Translation<typeof en> = {
  ...commonPt,
  ...codesPt,
  ...hintsPt,
  ...runPt,
  ...readPt,
  ...statePt,
  ...summaryPt,
  ...cliPt,
  ...helpPt,
  ...optionsPt,
  ...chatguruPt,
  ...rowsPt,
  ...mappingPt,
  ...sourcePt,
  ...outputPt,
  ...googlePt,
  ...uiPt,
  ...uiSetupPt,
  ...uiSendPt,
  ...uiServerPt,
};
