/**
 * The built renderer's files as both shells serve them: confined to renderer/dist, with the
 * right type, and index.html given a fresh CSP nonce per load (see csp.ts).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { contentSecurityPolicy, NONCE_PLACEHOLDER } from './csp.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticFile {
  status: 200 | 404 | 503;
  type: string;
  body: Buffer | string;
  /** The Content-Security-Policy to send with it. */
  csp: string;
}

/** renderer/dist under the package root, where `npm run build:renderer` puts it. */
export function rendererDir(root: string): string {
  return join(root, 'renderer', 'dist');
}

/** The file at a URL path ("/" is index.html); never anything outside `staticDir`. */
export function staticFile(staticDir: string, urlPath: string): StaticFile {
  const root = resolve(staticDir);
  let rel: string;
  try {
    rel =
      urlPath === '/' || urlPath === ''
        ? 'index.html'
        : decodeURIComponent(urlPath).replace(/^\/+/, '');
  } catch {
    rel = '';
  }
  const file = resolve(root, normalize(rel));
  if (!rel || !file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
    if (rel === 'index.html')
      return {
        status: 503,
        type: TYPES['.txt']!,
        body: 'The Odyssey UI has not been built. Run `npm run build:renderer`, then start Odyssey again.',
        csp: contentSecurityPolicy(),
      };
    return { status: 404, type: TYPES['.txt']!, body: 'Not found', csp: contentSecurityPolicy() };
  }
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  if (extname(file) === '.html') {
    const nonce = randomBytes(16).toString('base64');
    return {
      status: 200,
      type,
      body: readFileSync(file, 'utf8').replaceAll(NONCE_PLACEHOLDER, nonce),
      csp: contentSecurityPolicy(nonce),
    };
  }
  return { status: 200, type, body: readFileSync(file), csp: contentSecurityPolicy() };
}
