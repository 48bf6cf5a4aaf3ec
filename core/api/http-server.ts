/**
 * The HTTP transport of the API (`odyssey serve`): the same handlers as Electron's IPC, on
 * 127.0.0.1 only, under POST /api/<operation>, each request carrying the per-launch token as
 * `Authorization: Bearer <token>`. It also serves the built renderer. The token never appears in
 * a page the server sends: the printed URL carries it in its #fragment, which browsers do not
 * send to servers, and the renderer moves it to session storage.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_UPLOAD_BYTES, type ApiError } from './contract.js';
import type { ApiContext } from './context.js';
import { dispatch } from './handlers.js';
import { contentSecurityPolicy } from './csp.js';
import { staticFile } from './static-files.js';

export { rendererDir } from './static-files.js';

export const LOOPBACK = '127.0.0.1';
/** Requests are small JSON objects; a pasted note is the largest (100 kB of text). */
// An upload's base64 is 4/3 of the file, plus the rest of the request.
const MAX_BODY_BYTES = Math.ceil((MAX_UPLOAD_BYTES * 4) / 3) + 64_000;

export interface ServerOptions {
  ctx: ApiContext;
  /** 0 picks a free port. */
  port?: number;
  /** The built renderer (renderer/dist). */
  staticDir: string;
  log?: (message: string) => void;
}

export interface RunningServer {
  url: string;
  /** The URL to open: carries the token in its fragment. */
  openUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** HTTP status for an error code: the body always carries the code, message and fix. */
export function statusFor(code: string): number {
  if (code === 'bad-request' || code === 'bad-json') return 400;
  if (code === 'unauthorized') return 401;
  if (code === 'unknown-operation' || code === 'not-found' || /-not-found$|-missing$/.test(code))
    return 404;
  if (code === 'too-large') return 413;
  if (code === 'unsupported-media-type') return 415;
  if (code === 'internal') return 500;
  return 422;
}

function securityHeaders(res: ServerResponse, csp = contentSecurityPolicy()): void {
  res.setHeader('Content-Security-Policy', csp);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: ApiError): void {
  sendJson(res, statusFor(error.code), { ok: false, error });
}

/** The body as text, or undefined when it is over the limit (the rest is read and dropped). */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on('end', () =>
      resolveBody(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', reject);
  });
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer (\S+)$/.exec(header ?? '')?.[1];
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  op: string,
  o: ServerOptions,
  token: string,
): Promise<void> {
  if (!tokenMatches(req.headers.authorization, token)) {
    return sendError(res, {
      code: 'unauthorized',
      message: 'This request did not carry the session token.',
      hint: 'Open Odyssey from the address `odyssey serve` printed; each launch has its own token.',
    });
  }
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return sendJson(res, 405, {
      ok: false,
      error: { code: 'method-not-allowed', message: 'API operations are called with POST.' },
    });
  }
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    return sendError(res, {
      code: 'unsupported-media-type',
      message: 'API requests must be JSON.',
      hint: 'Send Content-Type: application/json.',
    });
  }
  const text = await readBody(req);
  if (text === undefined)
    return sendError(res, {
      code: 'too-large',
      message: 'The request is too large.',
      hint: 'Split a long note into parts of at most 100 kB.',
    });
  let body: unknown;
  try {
    body = text.trim() ? JSON.parse(text) : {};
  } catch {
    return sendError(res, { code: 'bad-json', message: 'The request body is not valid JSON.' });
  }
  const result = await dispatch(o.ctx, op, body, o.log);
  if (result.ok) sendJson(res, 200, result);
  else sendError(res, result.error);
}

function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  staticDir: string,
): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const f = staticFile(staticDir, path);
  securityHeaders(res, f.csp);
  res.writeHead(f.status, {
    'Content-Type': f.type,
    'Cache-Control': f.type.startsWith('text/html') ? 'no-store' : 'no-cache',
  });
  res.end(req.method === 'HEAD' ? undefined : f.body);
}

/** Starts the server on 127.0.0.1 and resolves once it is listening. */
export function startServer(o: ServerOptions): Promise<RunningServer> {
  const token = randomBytes(32).toString('base64url');
  let port = 0;
  const server: Server = createServer((req, res) => {
    // A page on another site cannot reach us through a DNS name pointed at 127.0.0.1.
    const host = req.headers.host ?? '';
    if (host !== `${LOOPBACK}:${port}` && host !== `localhost:${port}`) {
      res
        .writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' })
        .end('Misdirected request');
      return;
    }
    const path = new URL(req.url ?? '/', `http://${host}`).pathname;
    const api = /^\/api\/([A-Za-z]+)$/.exec(path);
    if (api) {
      securityHeaders(res);
      handleApi(req, res, api[1]!, o, token).catch((e: unknown) => {
        o.log?.(`odyssey: request failed: ${(e as Error)?.stack ?? String(e)}`);
        if (!res.headersSent)
          sendError(res, { code: 'internal', message: 'Odyssey ran into an unexpected problem.' });
      });
      return;
    }
    if (path.startsWith('/api/'))
      return sendError(res, {
        code: 'not-found',
        message: `There is no API operation at ${path}.`,
      });
    serveStatic(req, res, path, o.staticDir);
  });
  return new Promise((resolveStart, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, LOOPBACK, () => {
      port = (server.address() as AddressInfo).port;
      const url = `http://${LOOPBACK}:${port}/`;
      resolveStart({
        url,
        openUrl: `${url}#token=${token}`,
        port,
        token,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
