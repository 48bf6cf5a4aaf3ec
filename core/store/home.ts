/**
 * Where the case database lives. The desktop shell passes Electron's app.getPath('userData');
 * the CLI and tests use ODYSSEY_HOME, else the same folder Electron would pick for an app named
 * "Odyssey", so the command line and the desktop app see the same cases by default.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const DATABASE_FILE = 'odyssey.db';

/** Electron's appData folder for the platform, joined with the app name. */
function defaultHome(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Odyssey');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Odyssey');
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'Odyssey');
}

/** The store folder: the one given, else ODYSSEY_HOME, else the platform's user data folder. */
export function resolveStoreHome(given?: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return resolve(given ?? (env.ODYSSEY_HOME || defaultHome(env, platform)));
}

export function databasePath(home: string): string {
  return join(home, DATABASE_FILE);
}
