import { createReadStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { extract } from 'tar-stream';
import { requireDataFile } from '../../core/data/installed.js';
import { tempDir } from '../helpers.js';

/**
 * The first `n` phenopackets of the installed Phenopacket Store archive, byte for byte, as a
 * folder of .json files: a small slice of real published cases for import tests.
 */
export async function archiveSlice(n: number): Promise<string> {
  const dir = tempDir('odyssey-slice-');
  const ex = extract();
  createReadStream(requireDataFile('cases')).pipe(createGunzip()).pipe(ex);
  let count = 0;
  for await (const entry of ex) {
    const name = entry.header.name;
    const base = name.slice(name.lastIndexOf('/') + 1);
    if (entry.header.type !== 'file' || !base.endsWith('.json') || base.startsWith('._') || count >= n) {
      entry.resume();
      if (count >= n) break;
      continue;
    }
    const chunks: Buffer[] = [];
    for await (const c of entry) chunks.push(c as Buffer);
    const sub = join(dir, String(Math.floor(count / 10)));
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, base), Buffer.concat(chunks));
    count++;
  }
  ex.destroy();
  return dir;
}
