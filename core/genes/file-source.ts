import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { OdysseyError } from '../errors.js';

/**
 * Fails with a readable error when `path` is missing or not a regular file. `readLines` opens
 * the file before its own error handling starts, so without this a missing file would surface
 * as a bare ENOENT.
 */
export async function assertReadableFile(path: string, what: string): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new OdysseyError(
        'file-missing',
        `${what} not found: ${path}`,
        'Check the path and the file name.',
        {
          cause: e,
        },
      );
    }
    throw e;
  }
  if (!info.isFile()) {
    throw new OdysseyError(
      'file-not-regular',
      `${what} ${path} is not a regular file.`,
      'Give the path of the file itself.',
    );
  }
}

/** Hex SHA-256 of the file's bytes as stored (compressed files are hashed compressed). */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}
