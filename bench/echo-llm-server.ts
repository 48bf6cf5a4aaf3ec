// A benchmark fixture, not product code: an OpenAI-compatible chat-completions endpoint on
// 127.0.0.1 that answers instantly (or never), so what is timed is Odyssey's own pipeline.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EchoServer {
  url: string;
  requests: number;
  close(): Promise<void>;
}

/** Replies to a ranking prompt with its candidates in reverse order; `hang` never replies. */
export async function startEchoServer(mode: 'echo' | 'hang' = 'echo'): Promise<EchoServer> {
  const state = { requests: 0 };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      state.requests++;
      if (mode === 'hang') return;
      const messages = (JSON.parse(body) as { messages: { role: string; content: string }[] }).messages;
      const user = JSON.parse(messages.find((m) => m.role === 'user')!.content) as { candidates: { gene: string }[] };
      const ranking = user.candidates.map((c) => ({ gene: c.gene })).reverse();
      const reply = {
        id: `bench-${state.requests}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: 'bench',
        choices: [{ index: 0, message: { role: 'assistant', content: JSON.stringify({ ranking }) }, finish_reason: 'stop' }],
        usage: { prompt_tokens: Math.round(body.length / 4), completion_tokens: 10 * ranking.length, total_tokens: 0 },
      };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    get requests() {
      return state.requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
