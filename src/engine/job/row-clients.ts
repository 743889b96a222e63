import type { ChatGuruClient } from "../../chatguru/types.js";
import type { EngineCallOptions } from "../transport/scheduled-client.js";
import type { RowServices } from "./row-context.js";

/**
 * The row's own view of the run's clients: every call names the spreadsheet row, so the request events (`--verbose`)
 * can say which row a request was for. Passed explicitly rather than through AsyncLocalStorage: once used, that
 * tracks every promise of the process (validate's too) for as long as it lives, a few % of the whole run.
 */
export function rowServices(services: RowServices, rowNumber: number): RowServices {
  return {
    ...services,
    first: namingRow(services.first, rowNumber),
    follow: namingRow(services.follow, rowNumber),
    poll: namingRow(services.poll, rowNumber),
  };
}

function namingRow(client: ChatGuruClient, rowNumber: number): ChatGuruClient {
  return {
    call: (action, params, options) => client.call(action, params, { ...options, rowNumber } as EngineCallOptions),
    close: () => client.close(),
  };
}
