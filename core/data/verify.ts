import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { createGunzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { isGzipFile } from '../io/lines.js';

export interface ContentDigest {
  sha256: string;
  bytes: number;
  compressed: boolean;
}

/**
 * SHA-256 and length of a file's content, gunzipping first when it is gzip, so a mirror's .gz
 * copy and an official plain download of the same release verify against one manifest entry.
 * Rejects with the zlib error when the gzip stream is truncated or corrupt.
 */
export async function digestContent(path: string): Promise<ContentDigest> {
  const compressed = await isGzipFile(path);
  const hash = createHash('sha256');
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done();
    },
  });
  if (compressed) await pipeline(createReadStream(path), createGunzip(), sink);
  else await pipeline(createReadStream(path), sink);
  return { sha256: hash.digest('hex'), bytes, compressed };
}
