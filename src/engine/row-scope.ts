import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The spreadsheet row whose work is running, so the request events (`--verbose`) can name it without threading a row
 * number through every ChatGuru call. Read where a call starts, before it waits in the queue: the queue runs it
 * later from another row's context.
 */
const scope = new AsyncLocalStorage<number>();

export function inRowScope<T>(rowNumber: number, work: () => Promise<T>): Promise<T> {
  return scope.run(rowNumber, work);
}

/** The row of the running work, if any (status polls and message refreshes may run outside a row). */
export function currentRow(): number | undefined {
  return scope.getStore();
}
