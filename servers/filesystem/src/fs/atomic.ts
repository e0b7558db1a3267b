import { randomBytes } from 'node:crypto';
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes a file so that readers see either the old or the new content, never a half-written
 * file: write a temp file next to the target, then rename over it (atomic on POSIX within one
 * file system). Keeps the target's permission bits.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const temp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`,
  );
  const mode = await stat(target).then(
    (s) => s.mode & 0o7777,
    () => undefined,
  );
  try {
    // Security: 'wx' fails if the temp name exists, so a planted symlink cannot redirect the write.
    await writeFile(temp, data, { flag: 'wx', ...(mode !== undefined && { mode }) });
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
