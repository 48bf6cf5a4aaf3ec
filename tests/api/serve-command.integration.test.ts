/** `odyssey serve` as the CLI runs it: the address it prints works, and a bad --port is refused. */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerServe, serve } from '../../cli/commands/serve.js';
import { isOdysseyError } from '../../core/errors.js';
import { tempDir } from '../helpers.js';

const capture = () => {
  const lines = { out: [] as string[], err: [] as string[] };
  return {
    lines,
    io: {
      out: (t: string) => void lines.out.push(t),
      err: (t: string) => void lines.err.push(t),
      isTTY: false,
    },
  };
};

describe('odyssey serve', () => {
  it('prints a loopback address carrying the token, which opens the API', async () => {
    process.env.ODYSSEY_HOME = tempDir('odyssey-serve-home-');
    const { lines, io } = capture();
    const { server, ctx } = await serve(io, { port: 0, open: false });
    try {
      const url = /Odyssey is running at (\S+)/.exec(lines.out.join('\n'))?.[1];
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{40,}$/);
      const token = url!.split('#token=')[1];
      const res = await fetch(new URL('/api/listCases', url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: '{}',
      });
      expect(res.status).toBe(200);
      expect(lines.err.join('\n')).toMatch(/Only this computer can reach it/);
    } finally {
      await server.close();
      ctx.close();
    }
  });

  it('refuses a port that is not a port number, naming the fix', async () => {
    const program = new Command().exitOverride();
    registerServe(program, capture().io);
    const e = await program
      .parseAsync(['node', 'odyssey', 'serve', '--port', '70000', '--no-open'])
      .catch((x: unknown) => x);
    expect(isOdysseyError(e) && e.code).toBe('bad-option');
    expect((e as Error).message).toMatch(/--port must be a port number/);
  });
});
