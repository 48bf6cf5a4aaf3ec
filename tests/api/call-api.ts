/**
 * Calling the API as both transports do (through dispatch), with every answer checked against
 * the contract the renderer is typed against.
 */
import {
  OPERATIONS,
  type OperationName,
  type RequestOf,
  type ResponseOf,
} from '../../core/api/contract.js';
import type { ApiContext } from '../../core/api/context.js';
import { dispatch } from '../../core/api/handlers.js';

export type Answer<K extends OperationName> =
  | { ok: true; data: ResponseOf<K> }
  | { ok: false; error: { code: string; message: string; hint?: string } };

export function apiCaller(ctx: () => ApiContext) {
  async function api<K extends OperationName>(op: K, request: RequestOf<K>): Promise<Answer<K>> {
    const r = (await dispatch(ctx(), op, request)) as Answer<K>;
    if (r.ok) OPERATIONS[op].response.parse(r.data);
    return r;
  }
  /** The operation's response; throws with the error's code and message when it fails. */
  async function ok<K extends OperationName>(op: K, request: RequestOf<K>): Promise<ResponseOf<K>> {
    const r = await api(op, request);
    if (!r.ok) throw new Error(`${op}: ${r.error.code}: ${r.error.message}`);
    return r.data;
  }
  /** The operation's error; throws when it succeeds. */
  async function failure<K extends OperationName>(op: K, request: RequestOf<K>) {
    const r = await api(op, request);
    if (r.ok) throw new Error(`${op} should have failed`);
    return r.error;
  }
  return { api, ok, failure };
}
