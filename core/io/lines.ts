import { createReadStream, existsSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { open } from 'node:fs/promises';
import { OdysseyError } from '../errors.js';

const GZIP_MAGIC = [0x1f, 0x8b];

/** True when the file starts with the gzip magic bytes, whatever its name says. */
export async function isGzipFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(2);
    const { bytesRead } = await handle.read(buf, 0, 2, 0);
    return bytesRead === 2 && buf[0] === GZIP_MAGIC[0] && buf[1] === GZIP_MAGIC[1];
  } finally {
    await handle.close();
  }
}

/** A readable stream of the file's text content, transparently gunzipped (bgzip included). */
export async function openText(path: string): Promise<Readable> {
  if (!existsSync(path)) {
    throw new OdysseyError('file-missing', `File not found: ${path}`, 'Check the path, or run `odyssey data install` for the reference data.');
  }
  const gz = await isGzipFile(path);
  const raw = createReadStream(path);
  if (!gz) return raw;
  const gunzip = createGunzip();
  raw.on('error', (e) => gunzip.destroy(e));
  return raw.pipe(gunzip);
}

/**
 * Yields the lines of a plain or gzipped text file. A truncated or corrupt gzip stream becomes
 * an OdysseyError naming the file, since that is almost always a broken download.
 */
export async function* readLines(path: string): AsyncGenerator<string> {
  const stream = await openText(path);
  const rl = createInterface({ input: stream, crlfDelay: Infinity });
  try {
    for await (const line of rl) yield line;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code?.startsWith('Z_') || /unexpected end of file|incorrect header/i.test(err.message)) {
      throw new OdysseyError(
        'file-corrupt',
        `${path} is truncated or not valid gzip (${err.message}).`,
        'Reinstall the data with `odyssey data install`, or replace the file with a complete copy.',
        { cause: e },
      );
    }
    throw e;
  } finally {
    rl.close();
  }
}
