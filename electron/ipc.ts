/**
 * The IPC transport of the API: one `ipcMain.handle` channel per operation, answering only
 * frames showing the app's own pages, and passing the arguments to the same validating
 * dispatcher as the HTTP server. Written against the few Electron shapes it needs, so it is
 * tested without Electron.
 */
import { OPERATION_NAMES, type ApiResult } from '../core/api/contract.js';
import type { ApiContext } from '../core/api/context.js';
import { dispatch } from '../core/api/handlers.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'odyssey';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;
export const channelOf = (op: string): string => `odyssey:${op}`;

/** The part of Electron's IpcMainInvokeEvent this checks. */
export interface InvokeEvent {
  senderFrame: { url: string } | null;
}

export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>,
  ): void;
}

/** Only the app's own pages, loaded from its bundled files, may call the API. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

export function registerIpc(
  ipc: IpcMainLike,
  ctx: ApiContext,
  log?: (message: string) => void,
): void {
  for (const op of OPERATION_NAMES) {
    ipc.handle(channelOf(op), async (event, ...args): Promise<ApiResult<unknown>> => {
      const url = event.senderFrame?.url ?? '';
      if (!isAppUrl(url)) {
        log?.(`odyssey: refused ${op} from ${url || 'an unknown frame'}`);
        return {
          ok: false,
          error: { code: 'forbidden', message: "Only Odyssey's own window may use its data." },
        };
      }
      if (args.length > 1)
        return {
          ok: false,
          error: { code: 'bad-request', message: 'An operation takes one request object.' },
        };
      return dispatch(ctx, op, args[0], log);
    });
  }
}
