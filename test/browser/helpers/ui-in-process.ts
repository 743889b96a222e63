// The web app's server in the test's own process, as the browser tests that need no crash use it: one request at a
// time, no rate cap, and adds polled within milliseconds instead of the ~3 s a real ChatGuru needs.
import { loadEnvironment } from "../../../src/cli/env.js";
import { startUiServer } from "../../../src/ui/server.js";
import { FAST_RUNS } from "../../helpers/ui-client.js";

export interface InProcessUi {
  origin: string;
  /** `http://127.0.0.1:PORT/?t=TOKEN`: opening it sets the session cookie. */
  startUrl: string;
  token: string;
  stop: () => Promise<void>;
}

/** Serves the app for `dir`; `env` stands for the process environment (e.g. Google's settings), `.env` is read too. */
export async function startUiInProcess(dir: string, env: Record<string, string> = {}): Promise<InProcessUi> {
  const server = await startUiServer({
    root: dir,
    env: { process: env, merged: () => loadEnvironment(dir, env) },
    rate: 0,
    concurrency: 1,
    runOptions: { ...FAST_RUNS },
  });
  return {
    origin: server.origin,
    startUrl: server.url,
    token: new URL(server.url).searchParams.get("t")!,
    stop: () => server.close(),
  };
}
