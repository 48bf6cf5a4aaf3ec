import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseObo } from '../../core/hpo/obo-parser.js';
import { OdysseyError } from '../../core/errors.js';
import { fixture, tempDir } from '../helpers.js';

describe('parseObo', () => {
  it('reads every term field the ontology needs', async () => {
    const data = await parseObo(fixture('hpo', 'mini.obo'));
    expect(data.version).toBe('2099-01-01');
    expect(data.terms).toHaveLength(15);
    const seizure = data.terms.find((t) => t.id === 'HP:0001250')!;
    expect(seizure.name).toBe('Seizure');
    expect(seizure.altIds).toEqual(['HP:0002279', 'HP:0001262']);
    expect(seizure.definition).toMatch(/^A seizure is an intermittent/);
    expect(seizure.comment).toBe('Fixture term.');
    expect(seizure.xrefs).toEqual(['UMLS:C0036572']);
    expect(seizure.parents).toEqual(['HP:0000707']);
    expect(seizure.synonyms).toEqual([
      { text: 'Seizures', scope: 'EXACT', type: 'plural_form' },
      { text: 'Fits', scope: 'EXACT', type: 'layperson' },
      { text: 'Epileptic seizure', scope: 'RELATED' },
    ]);
    const obsolete = data.terms.find((t) => t.id === 'HP:0009999')!;
    expect(obsolete.obsolete).toBe(true);
    expect(obsolete.replacedBy).toBe('HP:0001250');
    expect(data.terms.find((t) => t.id === 'HP:0009998')!.consider).toEqual(['HP:0001252']);
  });

  it('unescapes quoted definitions and ignores Typedef stanzas', async () => {
    const data = await parseObo(fixture('hpo', 'mini.obo'));
    expect(data.terms.find((t) => t.id === 'HP:0000707')!.definition).toBe('An abnormality of the "nervous" system.');
    expect(data.terms.some((t) => t.id === 'part_of')).toBe(false);
  });

  it('reads a gzipped file the same as a plain one', async () => {
    const dir = tempDir();
    const gz = join(dir, 'mini.obo.gz');
    writeFileSync(gz, gzipSync(readFileSync(fixture('hpo', 'mini.obo'))));
    const plain = await parseObo(fixture('hpo', 'mini.obo'));
    expect(await parseObo(gz)).toEqual(plain);
  });

  const bad = async (text: string): Promise<OdysseyError> => {
    const path = join(tempDir(), 'bad.obo');
    writeFileSync(path, text);
    return parseObo(path).then(
      () => {
        throw new Error('expected a failure');
      },
      (e: unknown) => e as OdysseyError,
    );
  };
  const header = 'format-version: 1.2\ndata-version: hp/releases/2099-01-01\n\n';

  it('names the line of an unclosed synonym quote', async () => {
    const e = await bad(`${header}[Term]\nid: HP:0000001\nname: All\nsynonym: "broken EXACT []\n`);
    expect(e).toBeInstanceOf(OdysseyError);
    expect(e.message).toMatch(/line 7: synonym without a closed quoted text/);
    expect(e.hint).toMatch(/odyssey data install/);
  });

  it('rejects a stanza without an id, an unknown scope, a tagless line, an empty file and a missing version', async () => {
    expect((await bad(`${header}[Term]\nname: Nameless\n`)).message).toMatch(/without an id/);
    expect((await bad(`${header}[Term]\nid: HP:1\nname: X\nsynonym: "x" SOMETIMES []\n`)).message).toMatch(/unknown synonym scope "SOMETIMES"/);
    expect((await bad(`${header}[Term]\nid: HP:1\nthis is not a tag\n`)).message).toMatch(/expected "tag: value"/);
    expect((await bad('')).code).toBe('obo-empty');
    expect((await bad('format-version: 1.2\n\n[Term]\nid: HP:1\nname: X\n')).message).toMatch(/data-version/);
    expect((await bad(`${header}[Term]\nid: HP:1\n`)).message).toMatch(/has no name/);
  });

  it('reports a truncated gzip file as corrupt, not as a crash', async () => {
    const path = join(tempDir(), 'cut.obo.gz');
    const gz = gzipSync(readFileSync(fixture('hpo', 'mini.obo')));
    writeFileSync(path, gz.subarray(0, Math.floor(gz.length / 2)));
    await expect(parseObo(path)).rejects.toMatchObject({ code: 'file-corrupt' });
  });

  it('reports a missing file clearly', async () => {
    await expect(parseObo(join(tempDir(), 'nope.obo'))).rejects.toMatchObject({ code: 'file-missing' });
  });
});
