/**
 * Electron main process: one sandboxed window showing the bundled renderer from app://odyssey,
 * the API over IPC (ipc.ts), and nothing remote: no network requests from the page, no
 * navigation away, no new windows, no permissions.
 */
import { app, BrowserWindow, ipcMain, protocol, safeStorage, session } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiContext } from '../core/api/context.js';
import { rendererDir, staticFile } from '../core/api/static-files.js';
import { packageRoot } from '../core/data/paths.js';
import { OPERATION_NAMES } from '../core/api/contract.js';
import { APP_HOST, APP_SCHEME, APP_URL, isAppUrl, registerIpc } from './ipc.js';
import { SafeKeyStore } from './key-store.js';
import { OPS_ARGUMENT } from './ops-argument.js';

const here = fileURLToPath(new URL('.', import.meta.url));

// A packaged app is read-only; its reference data lives in the user's data folder instead.
if (app.isPackaged) process.env.ODYSSEY_DATA_DIR ??= join(app.getPath('userData'), 'data');

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true } },
]);
app.enableSandbox();

function serveApp(): void {
  const dir = rendererDir(packageRoot());
  protocol.handle(APP_SCHEME, (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    const f = staticFile(dir, url.pathname);
    return new Response(f.body, {
      status: f.status,
      headers: {
        'Content-Type': f.type,
        'Content-Security-Policy': f.csp,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
}

/** No page may reach the network: every request that is not the app's own scheme is cancelled. */
function lockDownSession(): void {
  const s = session.defaultSession;
  s.webRequest.onBeforeRequest((details, callback) =>
    callback({
      cancel: !(
        details.url.startsWith(`${APP_SCHEME}:`) ||
        details.url.startsWith('blob:') ||
        details.url.startsWith('devtools:')
      ),
    }),
  );
  s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  s.setPermissionCheckHandler(() => false);
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'Odyssey',
    webPreferences: {
      preload: join(here, 'preload.cjs'),
      additionalArguments: [`${OPS_ARGUMENT}${OPERATION_NAMES.join(',')}`],
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  win.webContents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_URL);
  return win;
}

if (!app.requestSingleInstanceLock()) {
  // One process owns the case store; a second launch focuses the first window instead.
  app.quit();
} else {
  // API keys are encrypted with the OS keychain; safeStorage works only once the app is ready,
  // and the store asks it only when a key is read or saved.
  const ctx = new ApiContext({
    home: app.getPath('userData'),
    keyStore: new SafeKeyStore(safeStorage, app.getPath('userData')),
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  void app.whenReady().then(() => {
    lockDownSession();
    serveApp();
    registerIpc(ipcMain, ctx, (m) => process.stderr.write(`${m}\n`));
    ctx.warmUp();
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => ctx.close());
}
