/**
 * Electron preload (sandboxed, bundled to one CommonJS file): exposes `window.odyssey` with one
 * named function per API operation, each forwarding its one argument over IPC. ipcRenderer
 * itself never reaches the page. The operation names come from the main process as an argument
 * (see OPS_ARGUMENT), which keeps the schemas, and zod, out of the preload.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { OPS_ARGUMENT } from './ops-argument.js';

const arg = process.argv.find((a) => a.startsWith(OPS_ARGUMENT));
const names = (arg?.slice(OPS_ARGUMENT.length).split(',') ?? []).filter((n) =>
  /^[A-Za-z]+$/.test(n),
);

contextBridge.exposeInMainWorld(
  'odyssey',
  Object.fromEntries(
    names.map((op) => [op, (request: unknown) => ipcRenderer.invoke(`odyssey:${op}`, request)]),
  ),
);
