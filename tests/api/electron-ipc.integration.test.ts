/**
 * Electron's IPC transport without Electron: the handlers registered on a recording stand-in
 * for ipcMain (the process boundary), called as the window's frames would call them.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { OPERATION_NAMES } from '../../core/api/contract.js';
import { ApiContext } from '../../core/api/context.js';
import {
  APP_URL,
  channelOf,
  isAppUrl,
  registerIpc,
  type InvokeEvent,
  type IpcMainLike,
} from '../../electron/ipc.js';
import { tempDir } from '../helpers.js';

type Listener = (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>;
const handlers = new Map<string, Listener>();
const ipc: IpcMainLike = { handle: (channel, listener) => void handlers.set(channel, listener) };
const ctx = new ApiContext({ home: tempDir('odyssey-ipc-home-'), actor: 'ipc-test' });
const refused: string[] = [];
registerIpc(ipc, ctx, (m) => refused.push(m));
afterAll(() => ctx.close());

const invoke = (op: string, url: string | null, ...args: unknown[]) =>
  handlers.get(channelOf(op))!({ senderFrame: url === null ? null : { url } }, ...args);

describe('Electron IPC handlers', () => {
  it('registers one channel per operation of the contract', () => {
    expect([...handlers.keys()].sort()).toEqual(OPERATION_NAMES.map(channelOf).sort());
  });

  it('trusts only the app:// pages', () => {
    expect(isAppUrl(APP_URL)).toBe(true);
    expect(isAppUrl('app://odyssey/index.html#/cases')).toBe(true);
    for (const url of [
      'https://odyssey/index.html',
      'app://elsewhere/index.html',
      'file:///etc/passwd',
      'not a url',
      '',
    ])
      expect(isAppUrl(url), url).toBe(false);
  });

  it('refuses a call from a frame showing anything else, or from no frame', async () => {
    expect(await invoke('listCases', 'https://example.org/')).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await invoke('listCases', null)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(refused.length).toBe(2);
  });

  it('validates the arguments with the contract', async () => {
    expect(await invoke('getCase', APP_URL, { id: 'one' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    expect(await invoke('getCase', APP_URL, { id: 1 }, { extra: true })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
  });

  it("answers the app's own window with the same handlers as the HTTP server", async () => {
    const created = (await invoke('createCase', APP_URL, {
      label: 'IPC case',
      phenotypes: [{ id: 'HP:0001250' }],
    })) as { ok: true; data: { case: { id: number }; phenotypes: { label: string }[] } };
    expect(created.ok).toBe(true);
    expect(created.data.phenotypes[0]!.label).toBe('Seizure');
    const missing = await invoke('getCase', APP_URL, { id: 999 });
    expect(missing).toMatchObject({
      ok: false,
      error: { code: expect.stringMatching(/not-found/), hint: expect.any(String) },
    });
  });
});
