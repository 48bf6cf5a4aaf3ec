import { afterEach, describe, expect, it } from 'vitest';
import { createLlmClient } from '../../../core/agents/providers/client.js';
import { PayloadRecorder } from '../../../core/agents/providers/payload-recorder.js';
import {
  ageBand,
  caseViewText,
  isLoopback,
  privateCaseView,
  type CaseForPrompt,
} from '../../../core/agents/providers/privacy.js';
import {
  content,
  scriptedConfig,
  startScriptedServer,
  type ScriptedServer,
} from './scripted-llm-server.js';

const patient: CaseForPrompt = {
  observed: [
    { id: 'HP:0001166', label: 'Arachnodactyly' },
    { id: 'HP:0001083', label: 'Ectopia lentis' },
    { id: 'tall, like her uncle Bob Smithers', label: 'free text typed as a term' },
  ],
  excluded: [{ id: 'HP:0001250', label: 'Seizure' }],
  sex: 'FEMALE',
  ageYears: 7.25,
  label: 'Jane Q. Doe-Marsh',
  caseId: 'MRN-884213',
  notes: 'Seen at St. Elsewhere on 2026-03-02; mother reports similar features.',
};
const secrets = ['Jane Q. Doe-Marsh', 'MRN-884213', 'St. Elsewhere', 'Bob Smithers', '7.25'];

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function sendCase(share: { identifiers: boolean; freeText: boolean }) {
  server = await startScriptedServer([content('ok')]);
  const recorder = new PayloadRecorder();
  const client = createLlmClient(scriptedConfig(server.url, { share }), { env: {}, recorder });
  const view = privateCaseView(patient, client.config.share);
  await client.chat({
    messages: [
      { role: 'system', content: 'Rank the genes.' },
      { role: 'user', content: `${caseViewText(view)}\nCandidate genes: FBN1, TGFBR2` },
    ],
  });
  const received = server.requests[0]!.raw;
  const entries = recorder.entries();
  expect(entries).toHaveLength(1);
  // What the user is shown as "sent" is exactly what reached the server.
  expect(Buffer.from(entries[0]!.body, 'utf8').equals(received)).toBe(true);
  return received.toString('utf8');
}

describe('privacy filter', () => {
  it('by default sends only HPO terms, sex, an age band and genes, byte for byte', async () => {
    const sent = await sendCase({ identifiers: false, freeText: false });
    for (const s of secrets) expect(sent).not.toContain(s);
    for (const s of [
      'HP:0001166 Arachnodactyly',
      'HP:0001083 Ectopia lentis',
      'HP:0001250 Seizure',
      'Sex: female',
      'Age: child (1–11 y)',
      'FBN1',
    ])
      expect(sent).toContain(s);
  });

  it('sends the label and id only with share.identifiers, and notes only with share.freeText', async () => {
    const ids = await sendCase({ identifiers: true, freeText: false });
    expect(ids).toContain('Jane Q. Doe-Marsh');
    expect(ids).toContain('MRN-884213');
    expect(ids).not.toContain('St. Elsewhere');
    await server?.close();
    const notes = await sendCase({ identifiers: false, freeText: true });
    expect(notes).toContain('St. Elsewhere');
    expect(notes).not.toContain('MRN-884213');
    // Malformed "terms" never pass, whatever the opt-ins.
    expect(notes).not.toContain('Bob Smithers');
  });

  it('has documented age bands with exclusive upper bounds', () => {
    expect([0, 0.99, 1, 11.9, 12, 17.99, 18, 39.5, 40, 64.9, 65, 101].map(ageBand)).toEqual([
      'infant (<1 y)',
      'infant (<1 y)',
      'child (1–11 y)',
      'child (1–11 y)',
      'adolescent (12–17 y)',
      'adolescent (12–17 y)',
      'adult (18–39 y)',
      'adult (18–39 y)',
      'adult (40–64 y)',
      'adult (40–64 y)',
      'older adult (65+ y)',
      'older adult (65+ y)',
    ]);
    expect(ageBand(-1)).toBeUndefined();
    expect(
      privateCaseView(
        { observed: [], excluded: [], sex: 'nonsense' },
        { identifiers: true, freeText: true },
      ),
    ).toEqual({ observed: [], excluded: [] });
  });

  it('isLoopback accepts only this machine', () => {
    for (const u of [
      'http://localhost:11434/v1',
      'http://127.0.0.1:8080/v1',
      'http://127.8.9.10/v1',
      'http://[::1]:8000/v1',
      'http://[::ffff:127.0.0.1]/v1',
    ])
      expect(isLoopback(u), u).toBe(true);
    for (const u of [
      'https://api.openai.com/v1',
      'http://10.255.255.1/v1',
      'http://127.0.0.1.nip.io/v1',
      'http://localhost.evil.com/v1',
      'http://[::2]/v1',
      'http://0.0.0.0:11434/v1',
      'not a url',
    ])
      expect(isLoopback(u), u).toBe(false);
  });
});
