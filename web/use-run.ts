// A run as the server sees it, kept live by server-sent events. EventSource reconnects by itself and sends
// Last-Event-ID, so the server replays what this page missed; after a reload or in a new tab the page just starts
// again from GET /api/runs/:id. Whatever an event carries is merged into the last snapshot.
import { useEffect, useState } from "preact/hooks";
import { api, runEventsUrl } from "./api.js";
import type { Run } from "./api-types.js";
import { errorText } from "./use-async.js";

export function isActive(run: Run | undefined): boolean {
  return run?.state === "running" || run?.state === "stopping";
}

export function useRun(id: string): { run?: Run; error?: string; reconnecting: boolean; set: (run: Run) => void } {
  const [run, setRun] = useState<Run | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [reconnecting, setReconnecting] = useState(false);
  const [active, setActive] = useState(true);

  useEffect(() => {
    let live = true;
    api.run(id).then(
      (r) => {
        if (!live) return;
        setRun(r);
        setActive(isActive(r));
      },
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [id]);

  useEffect(() => {
    if (!active) return;
    const source = new EventSource(runEventsUrl(id));
    const onData = (event: MessageEvent<string>) => {
      let data: unknown;
      try {
        data = JSON.parse(event.data);
      } catch {
        return;
      }
      if (typeof data !== "object" || data === null) return;
      const snapshot = ((data as { run?: Run }).run ?? data) as Partial<Run>;
      setReconnecting(false);
      setRun((prev) => ({ ...(prev as Run), ...snapshot, counts: { ...prev?.counts, ...snapshot.counts } }));
      if (snapshot.state && !isActive(snapshot as Run)) {
        source.close();
        setActive(false);
        // The final snapshot (files, exit code) is read once more, in case the last event was a short one.
        api.run(id).then(setRun, () => undefined);
      }
    };
    source.onmessage = onData;
    for (const name of ["run", "progress", "state", "end", "done"]) source.addEventListener(name, onData);
    source.onerror = () => setReconnecting(source.readyState !== EventSource.OPEN);
    source.onopen = () => setReconnecting(false);
    return () => source.close();
  }, [id, active]);

  return {
    ...(run ? { run } : {}),
    ...(error ? { error } : {}),
    reconnecting,
    set: (r: Run) => {
      setRun(r);
      setActive(isActive(r));
    },
  };
}
