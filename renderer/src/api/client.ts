/**
 * The renderer's only door to Odyssey: the API contract, over Electron's preload bridge when
 * there is one, else over HTTP to `odyssey serve` with the session token.
 */
import {
  OdysseyApiError,
  type ApiResult,
  type OdysseyApi,
  type OperationName,
  type PreloadBridge,
  type RequestOf,
  type ResponseOf,
} from '../../../core/api/contract.js';

declare global {
  interface Window {
    odyssey?: PreloadBridge;
  }
}

const TOKEN_KEY = 'odyssey-session-token';

function unwrap<T>(r: ApiResult<T>): T {
  if (r.ok) return r.data;
  throw new OdysseyApiError(r.error.code, r.error.message, r.error.hint);
}

/** Electron: the named functions the preload exposes. */
export function bridgeClient(bridge: PreloadBridge): OdysseyApi {
  return {
    async call<K extends OperationName>(op: K, request: RequestOf<K>): Promise<ResponseOf<K>> {
      const fn = bridge[op] as (r: RequestOf<K>) => Promise<ApiResult<ResponseOf<K>>>;
      return unwrap(await fn(request));
    },
  };
}

/**
 * The token arrives once, in the address's #fragment (never sent to a server); it is kept for
 * this tab only, and the fragment is cleared so it does not linger in the address bar.
 */
export function takeToken(): string | undefined {
  const m = /^#token=([\w-]+)/.exec(window.location.hash);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, m[1]!);
    history.replaceState(null, '', `${window.location.pathname}#/cases`);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

/** Browser mode: POST /api/<operation> with the bearer token. */
export function httpClient(token: string | undefined): OdysseyApi {
  return {
    async call<K extends OperationName>(op: K, request: RequestOf<K>): Promise<ResponseOf<K>> {
      let res: Response;
      try {
        res = await fetch(`/api/${op}`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            ...(token ? { Authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify(request),
        });
      } catch {
        throw new OdysseyApiError(
          'offline',
          'Odyssey is not answering.',
          'Check that `odyssey serve` is still running in its terminal, then try again.',
        );
      }
      const body = (await res.json().catch(() => undefined)) as
        ApiResult<ResponseOf<K>> | undefined;
      if (!body)
        throw new OdysseyApiError(
          'bad-response',
          `Odyssey answered with an unreadable response (HTTP ${res.status}).`,
          'Try again; restart `odyssey serve` if it keeps happening.',
        );
      if (res.status === 401)
        throw new OdysseyApiError(
          'unauthorized',
          'This window is not connected to the running Odyssey.',
          'Open the address `odyssey serve` printed in its terminal (each launch has its own address).',
        );
      return unwrap(body);
    },
  };
}

export function createClient(): OdysseyApi {
  return window.odyssey ? bridgeClient(window.odyssey) : httpClient(takeToken());
}
