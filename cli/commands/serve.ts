/**
 * `odyssey serve [--port P] [--no-open]`: the desktop UI in a browser, served on 127.0.0.1 with
 * a per-launch token, over the same API handlers as the Electron app. Runs until Ctrl-C.
 */
import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { ApiContext } from '../../core/api/context.js';
import { rendererDir, startServer, type RunningServer } from '../../core/api/http-server.js';
import { packageRoot } from '../../core/data/paths.js';
import { OdysseyError } from '../../core/errors.js';
import type { CliIO } from '../io.js';

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new OdysseyError(
      'bad-option',
      `--port must be a port number from 0 to 65535, not "${value}".`,
      'For example: --port 4178 (0 picks a free port).',
    );
  return n;
}

/** Opens the URL in the user's browser; a failure only means the user opens it by hand. */
function openBrowser(url: string, io: CliIO): void {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () =>
      io.err('note: could not open a browser; open the address above yourself.'),
    );
    child.unref();
  } catch {
    io.err('note: could not open a browser; open the address above yourself.');
  }
}

/** Starts the server and says where; the caller decides how long it runs. */
export async function serve(
  io: CliIO,
  options: { port: number; open: boolean },
): Promise<{ server: RunningServer; ctx: ApiContext }> {
  const ctx = new ApiContext(process.env.ODYSSEY_ACTOR ? { actor: process.env.ODYSSEY_ACTOR } : {});
  let server: RunningServer;
  try {
    server = await startServer({
      ctx,
      port: options.port,
      staticDir: rendererDir(packageRoot()),
      log: (m) => io.err(m),
    });
  } catch (e) {
    ctx.close();
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new OdysseyError(
        'port-in-use',
        `Port ${options.port} is already in use.`,
        'Choose another with --port, or leave it out to pick a free one.',
      );
    throw e;
  }
  ctx.warmUp();
  io.out(`Odyssey is running at ${server.openUrl}`);
  io.err(
    "Only this computer can reach it; the address holds this session's key, so do not share it. Press Ctrl-C to stop.",
  );
  if (options.open) openBrowser(server.openUrl, io);
  return { server, ctx };
}

export function registerServe(program: Command, io: CliIO): void {
  program
    .command('serve')
    .description('open the Odyssey UI in a browser, served from this computer only (127.0.0.1)')
    .option('--port <port>', 'port to listen on (0: any free port)', '0')
    .option('--no-open', 'do not open a browser; just print the address')
    .action(async (o: { port: string; open: boolean }) => {
      const { server, ctx } = await serve(io, { port: parsePort(o.port), open: o.open });
      await new Promise<void>((done) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          done();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await server.close();
      ctx.close();
      io.err('Odyssey stopped.');
    });
}
