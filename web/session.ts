// The last file and run this tab worked on, so the step bar can link back to them from any page. The truth stays on
// the server (and in each page's URL); this only remembers which ids to link to.
const SOURCE = "chatguru-sync.source";
const RUN = "chatguru-sync.run";

function read(key: string): string | undefined {
  try {
    return window.sessionStorage.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

function write(key: string, value: string | undefined): void {
  try {
    if (value === undefined) window.sessionStorage.removeItem(key);
    else window.sessionStorage.setItem(key, value);
  } catch {
    // Storage refused (private mode quota): the step bar just links less.
  }
}

const COMMAND = "chatguru-sync.command.";

export const session = {
  /** The terminal command the server gave when the columns were saved, per file (shown on Revisão). */
  command: (sourceId: string) => read(COMMAND + sourceId),
  rememberCommand: (sourceId: string, command: string | undefined) => write(COMMAND + sourceId, command),
  sourceId: () => read(SOURCE),
  runId: () => read(RUN),
  rememberSource: (id: string | undefined) => write(SOURCE, id),
  rememberRun: (id: string | undefined) => write(RUN, id),
};
