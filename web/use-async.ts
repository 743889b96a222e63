import { useCallback, useEffect, useState } from "preact/hooks";
import { ApiError } from "./api.js";
import { t } from "./say.js";

export interface AsyncState<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload: () => void;
  set: (data: T) => void;
}

export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    const fix = error.body.fix ?? error.body.hint;
    return fix ? `${error.message} ${fix}` : error.message;
  }
  return t("ui.errors.unexpected");
}

/** Loads once per `deps` change; a late answer for an older request is dropped. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]): AsyncState<T> {
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState({ error: errorText(error), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const set = useCallback((data: T) => setState({ data, loading: false }), []);
  return { data: state.data, error: state.error, loading: state.loading, reload, set };
}
