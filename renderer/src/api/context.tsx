import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import {
  OdysseyApiError,
  type OdysseyApi,
  type OperationName,
  type RequestOf,
  type ResponseOf,
} from '../../../core/api/contract.js';

const ApiContext = createContext<OdysseyApi | undefined>(undefined);

export function ApiProvider({ api, children }: { api: OdysseyApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): OdysseyApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiProvider');
  return api;
}

/** Anything thrown, as an API error with words a clinician can act on. */
export function asApiError(e: unknown): OdysseyApiError {
  if (e instanceof OdysseyApiError) return e;
  return new OdysseyApiError(
    'internal',
    'Something went wrong in this window.',
    'Reload the page; your saved cases are not affected.',
  );
}

export interface Query<T> {
  data: T | undefined;
  error: OdysseyApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/** Calls an operation when its request changes (compared as JSON) and keeps the latest answer. */
export function useQuery<K extends OperationName>(
  op: K,
  request: RequestOf<K> | undefined,
): Query<ResponseOf<K>> {
  const api = useApi();
  const [state, setState] = useState<{
    data?: ResponseOf<K>;
    error?: OdysseyApiError;
    loading: boolean;
  }>({ loading: request !== undefined });
  const [tick, setTick] = useState(0);
  const key = request === undefined ? undefined : JSON.stringify(request);
  useEffect(() => {
    if (key === undefined) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    api.call(op, JSON.parse(key) as RequestOf<K>).then(
      (data) => live && setState({ data, loading: false }),
      (e: unknown) => live && setState({ error: asApiError(e), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [api, op, key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** A user action that calls the API: its busy flag and its error, shown where it happened. */
export function useAction(): {
  run: (fn: () => Promise<void>) => Promise<boolean>;
  busy: boolean;
  error: OdysseyApiError | undefined;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<OdysseyApiError>();
  const run = useCallback(async (fn: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    try {
      await fn();
      return true;
    } catch (e) {
      setError(asApiError(e));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { run, busy, error };
}
